package io.ueledger.query.ledger;

import io.ueledger.kernel.ledger.LeafEnvelope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads events as stored in Axon's event store table, because a leaf commits to the stored bytes
 * (the serialized payload and metadata), not to a re-serialization that could differ.
 */
@Component
class StoredEvents {

    static final String COLUMNS = "e.globalindex, e.eventidentifier, e.type, e.aggregateidentifier, e.sequencenumber, "
            + "e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata";

    private final JdbcTemplate jdbc;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The envelopes, by event identifier, of those of the given events that have no ledger leaf yet, as stored:
     * one read per batch of the ledger. An event that is missing is either in the ledger already or not in the
     * event store at all; {@link LedgerStore#withLeaves} tells which.
     */
    Map<String, LeafEnvelope> withoutLeavesOf(Collection<String> eventIds) {
        Map<String, LeafEnvelope> envelopes = new HashMap<>();
        jdbc.query("select " + COLUMNS + " from domainevententry e where e.eventidentifier = any(?)"
                + " and not exists (select 1 from ledger_leaf l where l.event_id = e.eventidentifier)", rs -> {
                    LeafEnvelope envelope = envelope(rs);
                    envelopes.put(envelope.eventId(), envelope);
                }, (Object) eventIds.toArray(String[]::new));
        return envelopes;
    }

    /** The envelope of an event row selected with {@link #COLUMNS}. */
    static LeafEnvelope envelope(ResultSet rs) throws SQLException {
        return LeafEnvelope.ofStoredEvent(rs.getLong("globalindex"), rs.getString("eventidentifier"),
                rs.getString("type"), rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"),
                rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getString("timestamp"),
                rs.getBytes("payload"), rs.getBytes("metadata"));
    }
}
