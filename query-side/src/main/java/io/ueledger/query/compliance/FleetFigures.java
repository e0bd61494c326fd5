package io.ueledger.query.compliance;

import io.ueledger.query.support.SqlTime;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The two dashboard figures the compliance fleet summary does not give: refusals per day (the
 * summary counts them per rule over all time) and open enrollments by major OS version (the
 * summary counts every enrollment by exact version). Read-only, from the query side's tables; the
 * console's dashboard shows them.
 */
@Component
public class FleetFigures {

    /** How far back the refusal chart looks. */
    public static final Duration REFUSAL_WINDOW = Duration.ofDays(30);
    private static final int OS_VERSIONS_SHOWN = 12;

    /** How often one rule refused a command on one day (UTC). */
    public record RefusalDay(LocalDate day, String rule, long count) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FleetFigures(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The major version is what policy floors and support questions are about. */
    public List<FleetSummary.Count> openByMajorOs() {
        return jdbc.query("""
                select coalesce(coalesce(platform, '') || ' ' || split_part(os_version, '.', 1), 'unknown'), count(*)
                from enrollment_registry where closed_at is null group by 1 order by 2 desc, 1 limit ?""",
                (rs, i) -> new FleetSummary.Count(rs.getString(1), rs.getLong(2)), OS_VERSIONS_SHOWN);
    }

    /** Each policy refusal is an {@code MdmCommandRefused} row of the device history, with its rule in the payload. */
    public List<RefusalDay> refusalsPerDay() {
        Instant since = clock.instant().minus(REFUSAL_WINDOW);
        return jdbc.query("""
                select (occurred_at at time zone 'UTC')::date as day, coalesce(payload->>'rule', 'unknown') as rule,
                       count(*)
                from device_history
                where event_type = 'MdmCommandRefused' and occurred_at >= ?
                group by 1, 2 order by 1, 2""",
                (rs, i) -> new RefusalDay(rs.getObject(1, Date.class).toLocalDate(), rs.getString(2), rs.getLong(3)),
                SqlTime.ts(since));
    }
}
