package io.ueledger.ops.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.SessionTokenIssued;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.query.history.DeviceHistoryProjection;
import io.ueledger.query.registry.EnrollmentRegistryProjection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events delivered more than once (after a crash before the token commit, or a retried batch) must
 * leave the views as if they came once. The events are fed straight to the projection beans, the
 * way the processor would, without going through the event store.
 */
class ProjectionIdempotencyIT extends IntegrationTest {

    private static final Instant AT = Instant.parse("2025-05-05T12:00:00Z");

    @Autowired
    EnrollmentRegistryProjection registry;

    @Autowired
    DeviceHistoryProjection history;

    @Autowired
    JdbcTemplate jdbc;

    private final String ref = "it-" + UUID.randomUUID();

    @Test
    void the_same_events_applied_twice_change_nothing() throws Exception {
        List<EventMessage<?>> events = List.of(
                tracked(1, event(0, new EnrollmentRequested(ref, "corp.example", "iPhone", Platform.IOS, "iPhone17,2",
                        "18.1", "22B83", "en", "CN=device", "sha256:body", AT))),
                tracked(2, event(1, new EnrollmentChallenged(ref, AuthMethod.APPLE_AS_WEB, AT))),
                tracked(3, event(2, new UserAuthenticated(ref, "demo-idp", "subject", "first@corp.example",
                        AT.plusSeconds(60)))),
                tracked(4, event(3, new SessionTokenIssued(ref, "tok-1", "sha256:tok", "first@corp.example",
                        AT.plusSeconds(3600), AT.plusSeconds(120)))));
        feed(events);
        Snapshot once = snapshot();

        feed(events);

        assertThat(snapshot()).isEqualTo(once);
        assertThat(once.registry()).hasSize(1);
        assertThat(once.registry().get(0)).containsEntry("stage", "TOKEN_ISSUED")
                .containsEntry("last_sequence", 3L)
                .containsEntry("managed_apple_account", "first@corp.example");
        assertThat(once.history()).hasSize(4);
        assertThat(once.history()).extracting(row -> row.get("global_index"))
                .as("the global index comes from the event store, and these hand-made events are not stored")
                .containsOnlyNulls();
    }

    @Test
    void an_earlier_event_arriving_late_does_not_move_the_registry_back() throws Exception {
        feed(List.of(
                event(0, new EnrollmentRequested(ref, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.1",
                        "22B83", "en", "CN=device", "sha256:body", AT)),
                event(2, new SessionTokenIssued(ref, "tok-1", "sha256:tok", "first@corp.example",
                        AT.plusSeconds(3600), AT.plusSeconds(120)))));

        feed(List.of(event(1, new UserAuthenticated(ref, "demo-idp", "subject", "late@corp.example",
                AT.plusSeconds(60)))));

        Map<String, Object> row = snapshot().registry().get(0);
        assertThat(row).containsEntry("stage", "TOKEN_ISSUED").containsEntry("last_sequence", 2L);
        assertThat(row.get("managed_apple_account")).isNull();
    }

    private void feed(List<EventMessage<?>> events) throws Exception {
        var registryAdapter = new AnnotationEventHandlerAdapter(registry);
        var historyAdapter = new AnnotationEventHandlerAdapter(history);
        for (EventMessage<?> event : events) {
            registryAdapter.handle(event);
            historyAdapter.handle(event);
        }
    }

    private GenericDomainEventMessage<?> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("DeviceEnrollment", ref, sequence, payload);
    }

    private static EventMessage<?> tracked(long globalIndex, GenericDomainEventMessage<?> event) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(globalIndex), event);
    }

    private record Snapshot(List<Map<String, Object>> registry, List<Map<String, Object>> history) {
    }

    private Snapshot snapshot() {
        return new Snapshot(
                jdbc.queryForList("select * from enrollment_registry where enrollment_ref = ?", ref),
                jdbc.queryForList("select * from device_history where enrollment_ref = ? order by sequence_number",
                        ref));
    }
}
