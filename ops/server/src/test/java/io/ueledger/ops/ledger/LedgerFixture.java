package io.ueledger.ops.ledger;

import static org.awaitility.Awaitility.await;

import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;

/** Makes fresh events through the real command side and waits until the ledger has appended them. */
final class LedgerFixture {

    /** One stored event and its leaf. */
    record StoredEvent(String eventId, long globalIndex, long leafIndex) {
    }

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    LedgerFixture(CommandGateway commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    /** The events of two new enrollments, in stream order, once every one of them is a ledger leaf. */
    List<StoredEvent> newEnrollmentEvents() {
        List<String> eventIds = new java.util.ArrayList<>(eventsOfNewEnrollment());
        eventIds.addAll(eventsOfNewEnrollment());
        return await().atMost(Duration.ofSeconds(30)).until(() -> leaves(eventIds), l -> l.size() == eventIds.size());
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
