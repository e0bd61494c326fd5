package io.ueledger.ops.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection that cannot write an event must not skip it: the batch rolls back with its token and
 * is retried until the write succeeds, so the view ends up complete.
 */
class ProjectionFailureIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    /**
     * A failed SQL statement aborts the PostgreSQL transaction, so the batch would fail anyway; an
     * exception in the handler's own code would not, and Axon's default would log it and move on.
     */
    @Test
    void both_projections_propagate_handler_errors_instead_of_logging_and_skipping_the_event() {
        assertThat(processing.listenerInvocationErrorHandler("enrollment-registry"))
                .isInstanceOf(PropagatingErrorHandler.class);
        assertThat(processing.listenerInvocationErrorHandler("device-history"))
                .isInstanceOf(PropagatingErrorHandler.class);
    }

    @Test
    void a_history_write_that_fails_is_retried_until_it_succeeds_and_no_event_is_lost() {
        var device = ScriptedEnrollment.iPhone(commands, Instant.parse("2025-06-01T08:00:00Z"),
                "it-" + UUID.randomUUID() + "@corp.example");
        String constraint = "it_refuse_" + UUID.randomUUID().toString().replace("-", "");
        // the database refuses this one enrollment's history rows, as a full disk or a bug would
        jdbc.execute("alter table device_history add constraint " + constraint
                + " check (enrollment_ref <> '" + device.ref + "')");
        try {
            device.enroll();
            await().atMost(Duration.ofSeconds(30)).until(() -> "ENROLLED".equals(registryStage(device.ref)));
            assertThat(historyRows(device.ref)).isZero();
        } finally {
            jdbc.execute("alter table device_history drop constraint " + constraint);
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> historyRows(device.ref) == 10);
    }

    private String registryStage(String ref) {
        return jdbc.query("select stage from enrollment_registry where enrollment_ref = ?",
                rs -> rs.next() ? rs.getString(1) : null, ref);
    }

    private long historyRows(String ref) {
        return jdbc.queryForObject("select count(*) from device_history where enrollment_ref = ?", Long.class, ref);
    }
}
