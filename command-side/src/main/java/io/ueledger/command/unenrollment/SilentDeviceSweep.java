package io.ueledger.command.unenrollment;

import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.kernel.unenrollment.CloseSilentEnrollment;
import java.sql.Timestamp;
import io.ueledger.kernel.fleet.FleetTurns;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes enrollments whose unenrollment has been pending longer than the silence period with no
 * word from the device. Candidates come from the command side's {@code pending_unenrollment}
 * lookup; each enrollment re-checks before it closes, so a device that spoke in the meantime stays.
 * One node of the fleet sweeps per interval (FleetTurns); should two ever overlap, the second close
 * of the same enrollment is refused, harmlessly.
 */
@Component
public class SilentDeviceSweep {

    private static final Logger log = LoggerFactory.getLogger(SilentDeviceSweep.class);
    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final UnenrollmentProperties properties;
    private final Clock clock;

    private final FleetTurns turns;
    private final Duration interval;

    SilentDeviceSweep(JdbcTemplate jdbc, CommandGateway commands, UnenrollmentProperties properties, Clock clock,
            FleetTurns turns, @Value("${ueledger.unenrollment.silence-check-interval:PT5M}") Duration interval) {
        this.turns = turns;
        this.interval = interval;
        this.jdbc = jdbc;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ueledger.unenrollment.silence-check-interval:PT5M}",
            initialDelayString = "${ueledger.unenrollment.silence-check-interval:PT5M}")
    void sweep() {
        if (turns.take("silence-sweep", interval)) { // one node of the fleet per interval
            sweep(clock.instant());
        }
    }

    /** One round as if it were {@code now}; @return how many enrollments it closed. */
    public int sweep(Instant now) {
        int closed = 0;
        List<String> candidates = jdbc.queryForList("""
                select enrollment_ref from pending_unenrollment
                 where greatest(requested_at, last_contact_at) <= ?
                 order by requested_at limit ?""",
                String.class, Timestamp.from(now.minus(properties.silencePeriod())), BATCH);
        for (String ref : candidates) {
            try {
                commands.sendAndWait(new CloseSilentEnrollment(ref, properties.silencePeriod(), now));
                closed++;
                log.info("Closed enrollment {}: silent for {} while its unenrollment was pending", ref,
                        properties.silencePeriod());
            } catch (EnrollmentRuleViolation e) {
                log.debug("Enrollment {} not closed for silence: {}", ref, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Silence check of enrollment {} failed; it is retried next round", ref, e);
            }
        }
        return closed;
    }
}
