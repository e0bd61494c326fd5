package io.ueledger.ops.ledger;

import static org.awaitility.Awaitility.await;

import io.ueledger.ops.support.ScriptedEnrollment;
import io.ueledger.ops.support.ViewsCaughtUp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes fresh events through the real command side and waits until the ledger has appended them and every
 * view has processed them: the tamper tests then change stored rows, and a view still behind would read the
 * doctored row (a shared database: ProjectionReplayIT compares the views with a rebuild later).
 */
final class LedgerFixture {

    /** One stored event and its leaf. */
    record StoredEvent(String eventId, long globalIndex, long leafIndex) {
    }

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final EventStore events;

    LedgerFixture(CommandGateway commands, JdbcTemplate jdbc, EventProcessingConfiguration processing,
                  EventStore events) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.processing = processing;
        this.events = events;
    }

    /** The events of two new enrollments, in stream order, once every one of them is a ledger leaf. */
    List<StoredEvent> newEnrollmentEvents() {
        List<String> eventIds = new java.util.ArrayList<>(eventsOfNewEnrollment());
        eventIds.addAll(eventsOfNewEnrollment());
        List<StoredEvent> stored = await().atMost(Duration.ofSeconds(30)).until(() -> leaves(eventIds),
                l -> l.size() == eventIds.size());
        ViewsCaughtUp.await(processing, events, Duration.ofMinutes(1));
        return stored;
    }

    private List<String> eventsOfNewEnrollment() {
        String ref = ScriptedEnrollment.iPhone(commands, "ledger-" + UUID.randomUUID() + "@corp.example").request().ref;
        return jdbc.queryForList(
                "select eventidentifier from domainevententry where aggregateidentifier = ? order by sequencenumber",
                String.class, ref);
    }

    private List<StoredEvent> leaves(List<String> eventIds) {
        return eventIds.stream()
                .flatMap(id -> jdbc.query("select event_id, global_index, leaf_index from ledger_leaf where event_id = ?",
                        (rs, n) -> new StoredEvent(rs.getString(1), rs.getLong(2), rs.getLong(3)), id).stream())
                .toList();
    }
}
