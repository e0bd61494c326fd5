package io.ueledger.query.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Report lines driven by what devices report through Declarative Device Management, read from the
 * {@code ddm-status} views: passcode compliance as the device itself reports it, declarations the
 * device could not apply and why, and declarations the User Enrollment policy kept from devices.
 * Each line cites the events (status reports, refusals) it rests on.
 */
@Component
class DeclarativeStatusLines {

    static final String DEVICE_REPORTED = "device-reported";
    static final int EVENTS_CITED = 10;

    private final JdbcTemplate jdbc;

    DeclarativeStatusLines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ReportLine> lines(ReportScope scope) {
        return List.of(passcodeCompliance(scope), failedDeclarations(scope), refusedDeclarations(scope));
    }

    private ReportLine passcodeCompliance(ReportScope scope) {
        record Reported(String enrollmentRef, boolean compliant, String eventId, String at) {
        }
        List<Reported> reports = jdbc.query("select e.enrollment_ref, e.value, e.event_id, e.reported_at "
                        + "from ddm_device_status_item e where e.item = 'passcode.is-compliant' and "
                        + scope.evidenceCondition() + " order by e.reported_at",
                (rs, i) -> new Reported(rs.getString(1), "true".equals(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant().toString()), scope.arguments());
        long compliant = reports.stream().filter(Reported::compliant).count();
        long notCompliant = reports.size() - compliant;
        LineVerdict verdict = reports.isEmpty() ? LineVerdict.NOT_REPORTED
                : notCompliant > 0 ? LineVerdict.REPORTED_PROBLEM : LineVerdict.REPORTED_OK;
        String evidence;
        if (reports.isEmpty()) {
            evidence = "No device has reported passcode.is-compliant (subscribe to it with a status-subscriptions "
                    + "declaration; iOS, iPadOS and visionOS report it under User Enrollment, macOS does not)";
        } else if (reports.size() == 1) {
            Reported r = reports.get(0);
            evidence = "The device reported passcode.is-compliant = " + r.compliant() + " at " + r.at();
        } else {
            evidence = compliant + " device(s) report a compliant passcode, " + notCompliant + " report it is not";
        }
        List<String> cited = new ArrayList<>();
        reports.stream().filter(r -> !r.compliant()).map(Reported::eventId).forEach(cited::add);
        reports.stream().filter(Reported::compliant).map(Reported::eventId).forEach(cited::add);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("compliant", compliant);
        counts.put("notCompliant", notCompliant);
        return new ReportLine("ddm.passcode-compliance", DEVICE_REPORTED, "the device's own report of whether its "
                + "passcode meets the passcode declaration (DDM status item passcode.is-compliant)", verdict,
                evidence, cited.stream().distinct().limit(EVENTS_CITED).toList(), counts);
    }

    private ReportLine failedDeclarations(ReportScope scope) {
        Integer reported = jdbc.queryForObject("select count(*) from ddm_device_declaration e where "
                + "e.reported_at is not null and " + scope.evidenceCondition(), Integer.class, scope.arguments());
        List<String[]> failed = jdbc.query("select e.enrollment_ref, e.identifier, e.type, e.reasons, "
                        + "e.status_event_id from ddm_device_declaration e where e.valid = 'invalid' and "
                        + scope.evidenceCondition() + " order by e.reported_at, e.identifier",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)}, scope.arguments());
        int reportedCount = reported == null ? 0 : reported;
        LineVerdict verdict = !failed.isEmpty() ? LineVerdict.REPORTED_PROBLEM
                : reportedCount > 0 ? LineVerdict.REPORTED_OK : LineVerdict.NOT_REPORTED;
        String evidence = failed.isEmpty()
                ? (reportedCount > 0 ? reportedCount + " declaration status(es) reported, none failed"
                        : "No device has reported the status of its declarations")
                : String.join("; ", failed.stream().limit(EVENTS_CITED).map(f -> f[1] + " (" + f[2] + ") on "
                        + f[0] + " failed: " + f[3]).toList());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("reported", (long) reportedCount);
        counts.put("failed", (long) failed.size());
        return new ReportLine("ddm.declarations-failed", DEVICE_REPORTED, "declarations the device reports it could "
                + "not apply, and the reasons it gave (DDM status item management.declarations)", verdict, evidence,
                failed.stream().map(f -> f[4]).distinct().limit(EVENTS_CITED).toList(), counts);
    }

    private ReportLine refusedDeclarations(ReportScope scope) {
        List<String[]> refused = jdbc.query("select e.event_id, e.enrollment_ref, e.identifier, e.type, e.rule, "
                        + "e.source from ddm_device_refusal e where " + scope.evidenceCondition()
                        + " order by e.refused_at, e.identifier",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)}, scope.arguments());
        String evidence = refused.isEmpty() ? "No declaration was refused"
                : String.join("; ", refused.stream().limit(EVENTS_CITED).map(r -> r[2] + " (" + r[3] + ") for "
                        + r[1] + ": rule " + r[4] + ", " + r[5]).toList());
        return new ReportLine("ddm.declarations-refused", "cannot", "send a declaration the schema does not allow "
                + "under User Enrollment on the device's OS", refused.isEmpty() ? LineVerdict.HELD
                : LineVerdict.ATTEMPTED_AND_REFUSED, evidence,
                refused.stream().map(r -> r[0]).limit(EVENTS_CITED).toList(),
                Map.of("refused", (long) refused.size()));
    }
}
