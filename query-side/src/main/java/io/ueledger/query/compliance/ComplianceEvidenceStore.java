package io.ueledger.query.compliance;

import static io.ueledger.query.support.SqlTime.instant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.device.DataClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the compliance-evidence tables for a report's scope; aggregation happens in PostgreSQL. */
@Repository
class ComplianceEvidenceStore {

    /** Event ids cited per line and kind of evidence: enough to check, short enough to read. */
    static final int CITED_EVENTS = 5;

    /** Tallies per line and kind, from the rows that are of the line ({@code line_ids}) or limited by it. */
    record LineTallies(Map<String, Map<EvidenceKind, Tally>> direct, Map<String, Map<EvidenceKind, Tally>> limited) {

        Map<EvidenceKind, Tally> direct(String lineId) {
            return direct.getOrDefault(lineId, Map.of());
        }

        Map<EvidenceKind, Tally> limited(String lineId) {
            return limited.getOrDefault(lineId, Map.of());
        }
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<DataClass>> CLASSES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ComplianceEvidenceStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    int enrollmentCount(ReportScope scope) {
        Integer count = jdbc.queryForObject("select count(*) from compliance_enrollment c where "
                + scope.enrollmentCondition(), Integer.class, scope.arguments());
        return count == null ? 0 : count;
    }

    LineTallies tallies(ReportScope scope) {
        return new LineTallies(tallies(scope, "line_ids"), tallies(scope, "limited_line_ids"));
    }

    private Map<String, Map<EvidenceKind, Tally>> tallies(ReportScope scope, String column) {
        Map<String, Map<EvidenceKind, Tally>> byLine = new HashMap<>();
        jdbc.query("select l.line_id, e.kind, count(*) as n, min(e.occurred_at) as first_at,"
                        + " max(e.occurred_at) as last_at,"
                        + " (array_agg(e.event_id order by e.occurred_at, e.sequence_number))[1:" + CITED_EVENTS + "] as ids,"
                        + " array_agg(distinct e.request_type) filter (where e.request_type is not null) as types,"
                        + " array_agg(distinct e.actor) filter (where e.actor is not null) as actors,"
                        + " array_agg(distinct e.rule) filter (where e.rule is not null) as rules,"
                        + " array_agg(distinct e.subject) filter (where e.subject is not null) as subjects,"
                        + " count(e.narrowing) as narrowed"
                        + " from compliance_evidence e cross join lateral unnest(e." + column + ") as l(line_id)"
                        + " where " + scope.evidenceCondition()
                        + " group by l.line_id, e.kind",
                rs -> {
                    byLine.computeIfAbsent(rs.getString("line_id"), id -> new EnumMap<>(EvidenceKind.class))
                            .put(EvidenceKind.valueOf(rs.getString("kind")), new Tally(rs.getLong("n"),
                                    instant(rs, "first_at"), instant(rs, "last_at"), strings(rs, "ids"),
                                    strings(rs, "types"), strings(rs, "actors"), strings(rs, "rules"),
                                    strings(rs, "subjects"), rs.getLong("narrowed")));
                }, scope.arguments());
        return byLine;
    }

    /** The closed enrollments of the scope, latest first, at most {@code limit}. */
    List<UnenrollmentProof> unenrollments(ReportScope scope, int limit) {
        List<Object> args = new ArrayList<>(Arrays.asList(scope.arguments()));
        args.add(limit);
        return jdbc.query("select * from compliance_enrollment c where c.closed_at is not null and "
                + scope.enrollmentCondition() + " order by c.closed_at desc, c.enrollment_ref limit ?",
                (rs, n) -> new UnenrollmentProof(rs.getString("enrollment_ref"), instant(rs, "closed_at"),
                        rs.getString("closure_reason"), classes(rs.getString("keys_created")),
                        classes(rs.getString("keys_destroyed")), list(rs.getString("removed_profiles")),
                        list(rs.getString("removed_apps")), list(rs.getString("removed_accounts")),
                        rs.getInt("removed_per_app_settings"),
                        Arrays.asList(rs.getString("keys_destroyed_event_id"),
                                rs.getString("managed_data_removed_event_id"), rs.getString("closed_event_id"))
                                .stream().filter(Objects::nonNull).toList()),
                args.toArray());
    }

    private List<String> list(String text) {
        return text == null ? null : read(text, STRINGS);
    }

    private List<DataClass> classes(String text) {
        return text == null ? null : read(text, CLASSES);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).filter(Objects::nonNull).map(String::valueOf).toList();
    }
}
