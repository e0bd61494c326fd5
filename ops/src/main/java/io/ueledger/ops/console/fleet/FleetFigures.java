package io.ueledger.ops.console.fleet;

import io.ueledger.query.support.SqlTime;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts for the fleet dashboard, read from the query side's tables: the enrollment registry and
 * the device history (each policy refusal is an {@code MdmCommandRefused} row there, with its rule
 * in the payload). Read-only; when the compliance summary API lands it can answer this instead.
 */
@Component
public class FleetFigures {

    /** How far back the refusal chart looks. */
    public static final Duration REFUSAL_WINDOW = Duration.ofDays(30);
    private static final int PENDING_SHOWN = 20;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FleetFigures(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public FleetSummary summary() {
        Long total = jdbc.queryForObject("select count(*) from enrollment_registry", Long.class);
        return new FleetSummary(total == null ? 0 : total,
                counts("select stage, count(*) from enrollment_registry group by stage order by 2 desc, 1"),
                counts("select coalesce(platform, 'unknown'), count(*) from enrollment_registry group by 1 "
                        + "order by 2 desc, 1"),
                // the major version is what policy floors and support questions are about
                counts("select coalesce(coalesce(platform, '') || ' ' || split_part(os_version, '.', 1), 'unknown'), "
                        + "count(*) from enrollment_registry where closed_at is null group by 1 order by 2 desc, 1 "
                        + "limit 12"),
                counts("select closure_reason, count(*) from enrollment_registry where closure_reason is not null "
                        + "group by 1 order by 2 desc, 1"),
                refusals(),
                pending());
    }

    private List<FleetSummary.Count> counts(String sql) {
        return jdbc.query(sql, (rs, i) -> new FleetSummary.Count(rs.getString(1), rs.getLong(2)));
    }

    private List<FleetSummary.RefusalDay> refusals() {
        Instant since = clock.instant().minus(REFUSAL_WINDOW);
        return jdbc.query("""
                select (occurred_at at time zone 'UTC')::date as day, coalesce(payload->>'rule', 'unknown') as rule,
                       count(*)
                from device_history
                where event_type = 'MdmCommandRefused' and occurred_at >= ?
                group by 1, 2 order by 1, 2""",
                (rs, i) -> new FleetSummary.RefusalDay(rs.getObject(1, Date.class).toLocalDate(), rs.getString(2),
                        rs.getLong(3)),
                SqlTime.ts(since));
    }

    private List<FleetSummary.PendingUnenrollment> pending() {
        return jdbc.query("""
                select enrollment_ref, managed_apple_account, product, unenrollment_requested_at
                from enrollment_registry where stage = 'UNENROLLMENT_PENDING'
                order by unenrollment_requested_at limit ?""",
                (rs, i) -> new FleetSummary.PendingUnenrollment(rs.getString(1), rs.getString(2), rs.getString(3),
                        SqlTime.instant(rs, "unenrollment_requested_at")),
                PENDING_SHOWN);
    }
}
