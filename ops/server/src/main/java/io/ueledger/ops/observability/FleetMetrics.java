package io.ueledger.ops.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The fleet gauges an operator watches beside the per-request timers Spring Boot keeps for every endpoint
 * ({@code http.server.requests}, by URI and status): enrollments by stage (from the enrollment registry),
 * MDM commands queued and not yet answered (from the device history), and each processor's lag (the views
 * and the ledger). Read from the views at most every {@link #MAX_AGE}, however often Prometheus scrapes.
 */
@Component
public class FleetMetrics implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final ProcessorLag lag;
    private volatile Map<EnrollmentStage, Long> stages = new EnumMap<>(EnrollmentStage.class);
    private volatile long outstanding;
    private volatile long readAt;

    public FleetMetrics(JdbcTemplate jdbc, ProcessorLag lag) {
        this.jdbc = jdbc;
        this.lag = lag;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (EnrollmentStage stage : EnrollmentStage.values()) {
            Gauge.builder("ueledger.enrollments", this, m -> m.stage(stage))
                    .description("enrollments in each stage, from the enrollment registry")
                    .tag("stage", stage.name()).register(registry);
        }
        Gauge.builder("ueledger.mdm.commands.outstanding", this, FleetMetrics::outstanding)
                .description("MDM commands queued and not yet acknowledged or failed, from the device history")
                .register(registry);
    }

    /** Registers one lag gauge per streaming processor; called once they are all configured. */
    public void bindProcessors(MeterRegistry registry) {
        lag.names().forEach(name -> Gauge.builder("ueledger.processor.lag", lag, l -> l.of(name))
                .description("events the processor (a view, or the ledger) has still to handle; -1 while it has no"
                        + " segment").tag("processor", name).baseUnit("events").register(registry));
    }

    private double stage(EnrollmentStage stage) {
        refresh();
        return stages.getOrDefault(stage, 0L);
    }

    private double outstanding() {
        refresh();
        return outstanding;
    }

    private synchronized void refresh() {
        long now = System.nanoTime();
        if (readAt != 0 && now - readAt < MAX_AGE.toNanos()) {
            return;
        }
        Map<EnrollmentStage, Long> counts = new EnumMap<>(EnrollmentStage.class);
        jdbc.query("select stage, count(*) from enrollment_registry group by stage",
                rs -> {
                    counts.put(EnrollmentStage.valueOf(rs.getString(1)), rs.getLong(2));
                });
        Long open = jdbc.queryForObject("""
                select count(*) filter (where event_type = 'MdmCommandQueued')
                     - count(*) filter (where event_type in ('MdmCommandAcknowledged', 'MdmCommandFailed'))
                from device_history
                where event_type in ('MdmCommandQueued', 'MdmCommandAcknowledged', 'MdmCommandFailed')""", Long.class);
        stages = counts;
        outstanding = open == null ? 0 : Math.max(0, open);
        readAt = now;
    }
}
