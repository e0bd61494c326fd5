package io.ueledger.query.export;

import io.ueledger.kernel.ledger.LeafEnvelope;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the events of a scope straight from Axon's event store joined with their ledger leaves, in
 * leaf order. Only events the ledger has appended are exported: without a leaf there is no proof.
 */
@Component
class ExportedEvents {

    /** The events that say on which platform and OS version an enrollment runs. */
    static final List<String> DEVICE_FACTS = List.of("io.ueledger.kernel.enrollment.EnrollmentRequested",
            "io.ueledger.kernel.enrollment.DeviceAuthenticated", "io.ueledger.kernel.enrollment.DeviceEnrolled");

    private static final String FROM = " from domainevententry e join ledger_leaf l on l.global_index = e.globalindex ";

    private final JdbcTemplate jdbc;

    ExportedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long count(ExportScope scope) {
        return jdbc.queryForObject("select count(*)" + FROM + "where " + scope.condition(), Long.class,
                scope.arguments());
    }

    /**
     * The scope's events; for a time range also the earlier platform/OS events of every enrollment
     * that has an MDM command in the range, so each command can be re-checked from the bundle alone.
     */
    /** The highest leaf of the scope's own events (0 when none). */
    long highestLeaf(ExportScope scope) {
        Long max = jdbc.queryForObject("select max(l.leaf_index)" + FROM + "where " + scope.condition(), Long.class,
                scope.arguments());
        return max == null ? 0 : max;
    }

    /** As {@link #read(ExportScope)}, but only leaves below {@code treeSize}: what one checkpoint covers. */
    List<ExportedEvent> read(ExportScope scope, long treeSize) {
        return read(scope, " and l.leaf_index < " + treeSize);
    }

    List<ExportedEvent> read(ExportScope scope) {
        return read(scope, "");
    }

    private List<ExportedEvent> read(ExportScope scope, String bound) {
        String where = scope.condition();
        List<Object> arguments = new ArrayList<>(List.of(scope.arguments()));
        if (scope.isRange()) {
            String facts = String.join(", ", DEVICE_FACTS.stream().map(t -> "'" + t + "'").toList());
            where = "(" + scope.condition() + ") or (e.payloadtype in (" + facts + ") and e.aggregateidentifier in ("
                    + "select c.aggregateidentifier from domainevententry c where c.payloadtype like "
                    + "'io.ueledger.kernel.mdm.MdmCommand%' and " + scope.condition().replace("e.", "c.") + "))";
            arguments.addAll(List.of(scope.arguments()));
        }
        String sql = "select l.leaf_index, (" + scope.condition() + ") as in_scope, e.globalindex, e.eventidentifier, "
                + "e.type, e.aggregateidentifier, e.sequencenumber, e.payloadtype, e.payloadrevision, e.timestamp, "
                + "e.payload, e.metadata" + FROM + "where (" + where + ")" + bound + " order by l.leaf_index";
        List<Object> all = new ArrayList<>(List.of(scope.arguments()));
        all.addAll(arguments);
        return jdbc.query(sql, (rs, n) -> {
            byte[] payload = rs.getBytes("payload");
            byte[] metaData = rs.getBytes("metadata");
            LeafEnvelope envelope = LeafEnvelope.ofStoredEvent(rs.getLong("globalindex"), rs.getString("eventidentifier"),
                    rs.getString("type"), rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"),
                    rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getString("timestamp"),
                    payload, metaData);
            return new ExportedEvent(rs.getLong("leaf_index"), envelope, payload, metaData, !rs.getBoolean("in_scope"));
        }, all.toArray());
    }
}
