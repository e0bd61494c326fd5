package io.ueledger.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ueledger.command.enrollment.DeviceEnrollment;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Load time of one long-lived enrollment (about 1,000 events) with no cache, with the aggregate
 * cache the server uses, and what a snapshot would cost, to decide whether snapshots are worth it.
 * Skipped unless {@code -Dbench.aggregate=true}; writes {@code ops/benchmarks/results/aggregate-load-<date>.md}.
 *
 * <p>The snapshot figure uses a test-only ObjectMapper that reads private fields: production
 * snapshots would need the aggregate (and its nested state) made serializable first, see REPLAY.md.
 */
@EnabledIfSystemProperty(named = "bench.aggregate", matches = "true")
class AggregateLoadBenchmarkIT extends IntegrationTest {

    private static final int ROUNDS = 330; // three events each, plus the ~10 of the enrollment
    private static final int LOADS = 30;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore events;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void load_a_thousand_event_enrollment() throws Exception {
        Instant start = Instant.parse("2025-06-01T09:00:00Z");
        ScriptedEnrollment mac = ScriptedEnrollment.mac(commands, start, "load-" + UUID.randomUUID() + "@corp.example").enroll();
        String ref = mac.ref;
        String enrollmentId = mac.enrollmentId;
        for (int i = 0; i < ROUNDS; i++) {
            String uuid = UUID.randomUUID().toString();
            Instant at = start.plusSeconds(3600 + i * 10L);
            commands.sendAndWait(new IssueMdmCommand(ref, uuid, "Settings", Channel.DEVICE, ManagedContent.none(), null,
                    "admin", null, at));
            commands.sendAndWait(new DeliverNextMdmCommand(ref, enrollmentId, Channel.DEVICE, false, at.plusSeconds(1)));
            commands.sendAndWait(new RecordMdmCommandResult(ref, enrollmentId, Channel.DEVICE, uuid,
                    MdmCommandStatus.ACKNOWLEDGED, null, at.plusSeconds(2)));
        }
        long eventCount = jdbc.queryForObject("select count(*) from domainevententry where aggregateIdentifier = ?",
                Long.class, ref);

        EventSourcingRepository<DeviceEnrollment> plain = EventSourcingRepository.builder(DeviceEnrollment.class)
                .eventStore(events).build();
        Repository<DeviceEnrollment> cached = CachingEventSourcingRepository.builder(DeviceEnrollment.class)
                .eventStore(events).cache(new WeakReferenceCache()).build();
        double noCache = medianMillis(() -> load(plain, ref));
        load(cached, ref);
        double withCache = medianMillis(() -> load(cached, ref));

        ObjectMapper snapshots = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        DeviceEnrollment loaded = load(plain, ref);
        String snapshotError = null;
        double fromSnapshot = Double.NaN;
        int snapshotBytes = 0;
        try {
            byte[] snapshot = snapshots.writeValueAsBytes(loaded);
            snapshotBytes = snapshot.length;
            DeviceEnrollment back = snapshots.readValue(snapshot, DeviceEnrollment.class);
            assertThat(back).usingRecursiveComparison().isEqualTo(loaded);
            fromSnapshot = medianMillis(() -> {
                DeviceEnrollment state = snapshots.readValue(snapshot, DeviceEnrollment.class);
                DomainEventStream after = events.readEvents(ref, eventCount);
                while (after.hasNext()) {
                    after.next();
                }
                return state;
            });
        } catch (Exception | AssertionError e) {
            snapshotError = e.getClass().getSimpleName() + ": " + String.join(" ", String.valueOf(e.getMessage())
                    .lines().filter(line -> !line.isBlank()).limit(8).toList());
        }

        String report = String.format(Locale.ROOT, """
                # Loading one long-lived enrollment, %s

                One enrollment of %d events (enrolled, then %d MDM commands queued, delivered and acknowledged), \
                loaded %d times each way from the embedded PostgreSQL; median load time. Load average %.1f.

                | how | median load (ms) |
                |---|---:|
                | no cache: every event read and applied | %.2f |
                | aggregate cache (WeakReferenceCache, hit) | %.3f |
                | snapshot (test-only Jackson, private fields) + events after it | %s |

                Snapshot: %s
                """, LocalDate.now(ZoneOffset.UTC), eventCount, ROUNDS, LOADS,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                noCache, withCache, Double.isNaN(fromSnapshot) ? "n/a" : String.format(Locale.ROOT, "%.2f", fromSnapshot),
                snapshotError == null ? snapshotBytes + " bytes, round trip equal field by field"
                        : "could not round-trip the aggregate: " + snapshotError);
        System.out.println(report);
        Path file = Path.of("../benchmarks/results/aggregate-load-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        assertThat(eventCount).isGreaterThanOrEqualTo(1_000);
        assertThat(withCache).isLessThan(noCache);
    }

    private static DeviceEnrollment load(Repository<DeviceEnrollment> repository, String ref) throws Exception {
        DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<DeviceEnrollment> aggregate = repository.load(ref);
            DeviceEnrollment root = aggregate.invoke(a -> a);
            unit.commit(); // a rollback would evict it from the cache
            return root;
        } catch (Exception e) {
            if (unit.isActive()) {
                unit.rollback();
            }
            throw e;
        }
    }

    private static double medianMillis(Callable<?> action) throws Exception {
        double[] millis = new double[LOADS];
        for (int i = 0; i < LOADS; i++) {
            long begin = System.nanoTime();
            action.call();
            millis[i] = (System.nanoTime() - begin) / 1e6;
        }
        Arrays.sort(millis);
        return millis[LOADS / 2];
    }
}
