package io.ueledger.query.history;

import static io.ueledger.query.support.SqlTime.instant;
import static io.ueledger.query.support.SqlTime.ts;

import io.ueledger.kernel.query.FindHistory;
import io.ueledger.kernel.query.HistoryEntryView;
import io.ueledger.kernel.query.HistoryPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Browses {@code device_history} with filters, for one device (in its stream order) or the whole
 * fleet (in the order things happened, ties in global order). Every filter is a bound parameter;
 * the indexes of V100 serve the fleet-wide filters.
 */
@Component
public class HistorySearch {

    private static final RowMapper<HistoryEntryView> ROW = (rs, row) -> new HistoryEntryView(
            rs.getString("event_id"),
            rs.getObject("global_index", Long.class),
            rs.getString("enrollment_ref"),
            rs.getLong("sequence_number"),
            rs.getString("event_type"),
            instant(rs, "occurred_at"),
            instant(rs, "recorded_at"),
            rs.getString("actor"),
            rs.getString("summary"),
            rs.getString("payload"));

    private final NamedParameterJdbcTemplate jdbc;

    public HistorySearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<HistoryPage> handle(FindHistory query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> conditions = new ArrayList<>();
        if (query.enrollmentRef() != null) {
            params.addValue("ref", query.enrollmentRef());
            Boolean known = jdbc.queryForObject(
                    "select exists (select 1 from device_history where enrollment_ref = :ref)", params, Boolean.class);
            if (!Boolean.TRUE.equals(known)) {
                return Optional.empty();
            }
            conditions.add("enrollment_ref = :ref");
        }
        if (!query.eventTypes().isEmpty()) {
            conditions.add("event_type in (:types)");
            params.addValue("types", query.eventTypes());
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            params.addValue("from", ts(query.from()));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            params.addValue("to", ts(query.to()));
        }
        if (query.actor() != null) {
            conditions.add("actor = :actor");
            params.addValue("actor", query.actor().trim());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        // the direction is one of two constants, never user text
        String direction = query.ascending() ? "asc" : "desc";
        String order = query.enrollmentRef() != null
                ? "sequence_number " + direction
                : "occurred_at " + direction + ", global_index " + direction + ", event_id";

        Long total = jdbc.queryForObject("select count(*) from device_history" + where, params, Long.class);
        params.addValue("limit", query.size());
        params.addValue("offset", (long) query.page() * query.size());
        List<HistoryEntryView> items = jdbc.query("""
                select event_id, global_index, enrollment_ref, sequence_number, event_type, occurred_at, recorded_at,
                       actor, summary, payload::text as payload
                from device_history""" + where + " order by " + order + " limit :limit offset :offset", params, ROW);
        return Optional.of(new HistoryPage(items, query.page(), query.size(), total == null ? 0 : total));
    }
}
