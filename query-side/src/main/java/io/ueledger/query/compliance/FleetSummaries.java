package io.ueledger.query.compliance;

import static io.ueledger.query.support.SqlTime.instant;

import io.ueledger.kernel.policy.CanCannotLine;
import io.ueledger.kernel.policy.CapabilityMatrix;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The fleet summary, aggregated in PostgreSQL from the compliance-evidence views. */
@Service
public class FleetSummaries {

    /** Closures listed with their proof in the summary; the counts cover all of them. */
    static final int RECENT_UNENROLLMENTS = 20;

    private final JdbcTemplate jdbc;
    private final ComplianceEvidenceStore store;
    private final CapabilityMatrix matrix = CapabilityMatrix.standard();
    private final Clock clock;

    FleetSummaries(JdbcTemplate jdbc, ComplianceEvidenceStore store, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public FleetSummary summary() {
        return new FleetSummary(clock.instant(), store.enrollmentCount(ReportScope.fleet()),
                counts("select stage as k, count(*) as n from compliance_enrollment group by stage order by n desc, k"),
                counts("select coalesce(platform, 'UNKNOWN') as k, count(*) as n from compliance_enrollment"
                        + " group by 1 order by n desc, k"),
                counts("select coalesce(platform, 'UNKNOWN') || ' ' || coalesce(os_version, '?') as k, count(*) as n"
                        + " from compliance_enrollment group by 1 order by n desc, k"),
                commands(), refusals(), unenrollments(), pending());
    }

    private List<FleetSummary.Count> counts(String sql) {
        return jdbc.query(sql, (rs, n) -> new FleetSummary.Count(rs.getString("k"), rs.getLong("n")));
    }

    /** Each command counted once, by the last step its events record; refusals by request type. */
    private List<FleetSummary.CommandOutcome> commands() {
        return jdbc.query("""
                with latest as (
                    select distinct on (enrollment_ref, command_uuid) request_type, kind
                    from compliance_evidence
                    where command_uuid is not null
                      and kind in ('QUEUED', 'DELIVERED', 'DEFERRED', 'ACKNOWLEDGED', 'FAILED')
                    order by enrollment_ref, command_uuid, sequence_number desc
                ), outcomes as (
                    select request_type, kind from latest
                    union all
                    select request_type, 'REFUSED' from compliance_evidence where kind = 'REFUSED'
                )
                select request_type,
                    count(*) filter (where kind = 'QUEUED') as queued,
                    count(*) filter (where kind = 'DELIVERED') as delivered,
                    count(*) filter (where kind = 'DEFERRED') as deferred,
                    count(*) filter (where kind = 'ACKNOWLEDGED') as acknowledged,
                    count(*) filter (where kind = 'FAILED') as failed,
                    count(*) filter (where kind = 'REFUSED') as refused
                from outcomes group by request_type order by count(*) desc, request_type
                """, (rs, n) -> new FleetSummary.CommandOutcome(rs.getString("request_type"), rs.getLong("queued"),
                rs.getLong("delivered"), rs.getLong("deferred"), rs.getLong("acknowledged"), rs.getLong("failed"),
                rs.getLong("refused")));
    }

    private List<FleetSummary.RuleRefusals> refusals() {
        return jdbc.query("""
                select coalesce(rule, '') as rule, count(*) as n,
                    (array_agg(reason order by occurred_at desc))[1] as reason,
                    (array_agg(line_ids[1] order by occurred_at desc))[1] as line_id
                from compliance_evidence where kind = 'REFUSED'
                group by 1 order by n desc, rule
                """, (rs, n) -> {
                    String lineId = rs.getString("line_id");
                    Optional<CanCannotLine> line = lineId == null ? Optional.empty() : matrix.line(lineId);
                    return new FleetSummary.RuleRefusals(rs.getString("rule"), rs.getLong("n"), rs.getString("reason"),
                            lineId, line.map(CanCannotLine::citation).orElse(null));
                });
    }

    private FleetSummary.Unenrollments unenrollments() {
        List<FleetSummary.Count> byReason = counts("select coalesce(closure_reason, 'UNKNOWN') as k, count(*) as n"
                + " from compliance_enrollment where closed_at is not null group by 1 order by n desc, k");
        long total = byReason.stream().mapToLong(FleetSummary.Count::count).sum();
        Long withKeys = jdbc.queryForObject("""
                select count(*) from compliance_enrollment
                where closed_at is not null and keys_destroyed is not null
                  and keys_destroyed @> coalesce(keys_created, '[]'::jsonb)
                """, Long.class);
        Long withItems = jdbc.queryForObject("select count(*) from compliance_enrollment"
                + " where closed_at is not null and managed_data_removed_event_id is not null", Long.class);
        return new FleetSummary.Unenrollments(total, byReason, withKeys == null ? 0 : withKeys,
                withItems == null ? 0 : withItems, store.unenrollments(ReportScope.fleet(), RECENT_UNENROLLMENTS));
    }

    private List<FleetSummary.PendingUnenrollment> pending() {
        return jdbc.query("""
                select enrollment_ref, managed_apple_account, unenrollment_requested_at, unenrollment_requested_by
                from compliance_enrollment where stage = 'UNENROLLMENT_PENDING'
                order by unenrollment_requested_at, enrollment_ref
                """, (rs, n) -> new FleetSummary.PendingUnenrollment(rs.getString("enrollment_ref"),
                rs.getString("managed_apple_account"), instant(rs, "unenrollment_requested_at"),
                rs.getString("unenrollment_requested_by")));
    }
}
