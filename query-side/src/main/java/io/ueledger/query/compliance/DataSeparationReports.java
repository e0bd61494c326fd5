package io.ueledger.query.compliance;

import io.ueledger.kernel.policy.CanCannotLine;
import io.ueledger.kernel.policy.CapabilityMatrix;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The data-separation report, for callers in this process (the HTTP API, signed exports):
 * one {@link ReportLine} per row of the "MDM can / can't" table, built from the
 * compliance-evidence views, never from a scan of the event store, followed by the lines devices'
 * own DDM status reports drive ({@link DeclarativeStatusLines}).
 *
 * <p>Reports reflect the events the {@code compliance-evidence} processor has handled; a command
 * sent a moment ago may not be in them yet. Each method reads in one read-only transaction, so
 * the lines of one report agree with each other.
 */
@Service
public class DataSeparationReports {

    /** Closed enrollments a fleet or account report reads for its unenrollment line. */
    static final int UNENROLLMENTS_READ = 10_000;

    private final ComplianceEvidenceStore store;
    private final CapabilityMatrix matrix;
    private final Clock clock;
    private final DeclarativeStatusLines declarativeStatus;

    DataSeparationReports(ComplianceEvidenceStore store, Clock clock, DeclarativeStatusLines declarativeStatus) {
        this.store = store;
        this.declarativeStatus = declarativeStatus;
        this.matrix = CapabilityMatrix.standard();
        this.clock = clock;
    }

    /**
     * @throws UnknownComplianceSubject when no enrollment with this reference is known
     */
    @Transactional(readOnly = true)
    public DataSeparationReport forEnrollment(String enrollmentRef) {
        return report(ReportScope.enrollment(enrollmentRef), true,
                "No enrollment with reference '" + enrollmentRef + "' is known");
    }

    /**
     * Every enrollment of one Managed Apple Account (address compared without case), taken together.
     *
     * @throws UnknownComplianceSubject when no enrollment of this account is known
     */
    @Transactional(readOnly = true)
    public DataSeparationReport forAccount(String email) {
        return report(ReportScope.account(email), false,
                "No enrollment of the Managed Apple Account '" + email + "' is known");
    }

    /** Every enrollment this server has known, taken together; an empty fleet gives an all-HELD / NOT_USED report. */
    @Transactional(readOnly = true)
    public DataSeparationReport forFleet() {
        return report(ReportScope.fleet(), false, null);
    }

    private DataSeparationReport report(ReportScope scope, boolean singleEnrollment, String unknownMessage) {
        int enrollments = store.enrollmentCount(scope);
        if (enrollments == 0 && unknownMessage != null) {
            throw new UnknownComplianceSubject(unknownMessage);
        }
        ComplianceEvidenceStore.LineTallies tallies = store.tallies(scope);
        List<UnenrollmentProof> unenrollments = store.unenrollments(scope, singleEnrollment ? 1 : UNENROLLMENTS_READ);
        List<ReportLine> lines = new ArrayList<>(matrix.lines().stream()
                .map((CanCannotLine line) -> LineEvidenceWriter.write(line, tallies, unenrollments, singleEnrollment))
                .toList());
        // after the table's own lines: what devices report about themselves through DDM status
        lines.addAll(declarativeStatus.lines(scope));
        return new DataSeparationReport(scope.name(), scope.subject(), enrollments, matrix.version(), clock.instant(),
                lines);
    }
}
