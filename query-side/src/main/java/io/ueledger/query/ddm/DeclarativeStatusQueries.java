package io.ueledger.query.ddm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the DDM views for the API, the console and the compliance report. */
@Service
public class DeclarativeStatusQueries {

    private final JdbcTemplate jdbc;

    public DeclarativeStatusQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<DeclarationSetView> sets() {
        return jdbc.query("select * from ddm_declaration_set order by name, set_id", (rs, i) -> set(rs));
    }

    @Transactional(readOnly = true)
    public Optional<DeclarationSetView> set(String setId) {
        return jdbc.query("select * from ddm_declaration_set where set_id = ?", (rs, i) -> set(rs), setId).stream()
                .findFirst();
    }

    /** Empty when the device never had a declaration, a refusal or a report. */
    @Transactional(readOnly = true)
    public Optional<DeviceDeclarations> device(String enrollmentRef) {
        List<DeviceDeclarations.Declaration> declarations = jdbc.query("""
                select * from ddm_device_declaration where enrollment_ref = ? order by category, identifier""",
                (rs, i) -> new DeviceDeclarations.Declaration(rs.getString("identifier"), rs.getString("type"),
                        rs.getString("category"), rs.getString("set_id"), rs.getString("server_token"),
                        instant(rs, "assigned_at"), instant(rs, "delivered_at"),
                        (Boolean) rs.getObject("active"), rs.getString("valid"), rs.getString("reasons"),
                        rs.getString("reported_token"), instant(rs, "reported_at"), rs.getString("status_event_id")),
                enrollmentRef);
        List<DeviceDeclarations.Refusal> refusals = jdbc.query("""
                select * from ddm_device_refusal where enrollment_ref = ? order by refused_at, identifier""",
                (rs, i) -> new DeviceDeclarations.Refusal(rs.getString("event_id"), rs.getString("set_id"),
                        rs.getString("identifier"), rs.getString("type"), rs.getString("rule"), rs.getString("source"),
                        rs.getString("reason"), instant(rs, "refused_at")), enrollmentRef);
        List<DeviceDeclarations.StatusItem> items = jdbc.query("""
                select * from ddm_device_status_item where enrollment_ref = ? order by item""",
                (rs, i) -> new DeviceDeclarations.StatusItem(rs.getString("item"), rs.getString("value"),
                        instant(rs, "reported_at"), rs.getString("event_id")), enrollmentRef);
        List<DeviceDeclarations> found = jdbc.query("select * from ddm_device_sync where enrollment_ref = ?",
                (rs, i) -> new DeviceDeclarations(enrollmentRef, rs.getString("declarations_token"),
                        instant(rs, "last_sync_at"), instant(rs, "last_status_at"),
                        rs.getString("last_status_event_id"), declarations, refusals, items,
                        rs.getString("dropped_items"), rs.getString("status_errors")), enrollmentRef);
        if (!found.isEmpty()) {
            return Optional.of(found.get(0));
        }
        if (declarations.isEmpty() && refusals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceDeclarations(enrollmentRef, null, null, null, null, declarations, refusals, items,
                null, null));
    }

    private DeclarationSetView set(ResultSet rs) throws SQLException {
        String setId = rs.getString("set_id");
        List<DeclarationSetView.Assignment> assignments = jdbc.query("""
                select * from ddm_set_assignment where set_id = ? order by assigned_at, enrollment_ref""",
                (a, i) -> new DeclarationSetView.Assignment(a.getString("enrollment_ref"), a.getString("assigned_by"),
                        instant(a, "assigned_at"), a.getString("event_id")), setId);
        return new DeclarationSetView(setId, rs.getString("name"), rs.getInt("version"),
                rs.getString("declarations"), rs.getString("saved_by"), instant(rs, "saved_at"),
                rs.getString("event_id"), assignments);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
