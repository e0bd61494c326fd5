package io.ueledger.query.history;

import static io.ueledger.query.support.SqlTime.instant;

import io.ueledger.kernel.query.DeviceHistoryPage;
import io.ueledger.kernel.query.FindDeviceHistory;
import io.ueledger.kernel.query.HistoryEntryView;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers history queries from {@code device_history}. */
@Component
public class DeviceHistoryQueries {

    private final JdbcTemplate jdbc;

    public DeviceHistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<DeviceHistoryPage> handle(FindDeviceHistory query) {
        Long total = jdbc.queryForObject("select count(*) from device_history where enrollment_ref = ?", Long.class,
                query.enrollmentRef());
        if (total == null || total == 0) {
            return Optional.empty();
        }
        // the direction is one of two constants, never user text
        String direction = query.ascending() ? "asc" : "desc";
        List<HistoryEntryView> items = jdbc.query("""
                select event_id, global_index, enrollment_ref, sequence_number, event_type, occurred_at, recorded_at,
                       actor, summary, payload::text as payload
                from device_history where enrollment_ref = ?
                order by sequence_number %s limit ? offset ?""".formatted(direction),
                (rs, row) -> new HistoryEntryView(
                        rs.getString("event_id"),
                        rs.getObject("global_index", Long.class),
                        rs.getString("enrollment_ref"),
                        rs.getLong("sequence_number"),
                        rs.getString("event_type"),
                        instant(rs, "occurred_at"),
                        instant(rs, "recorded_at"),
                        rs.getString("actor"),
                        rs.getString("summary"),
                        rs.getString("payload")),
                query.enrollmentRef(), query.size(), (long) query.page() * query.size());
        return Optional.of(new DeviceHistoryPage(items, query.page(), query.size(), total));
    }
}
