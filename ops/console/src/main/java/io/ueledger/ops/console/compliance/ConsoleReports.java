package io.ueledger.ops.console.compliance;

import io.ueledger.query.compliance.DataSeparationReports;
import io.ueledger.query.compliance.UnknownComplianceSubject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The data-separation reports the console's pages show, each with the console route of its CSV.
 * A device or account the compliance views have not seen yet (they follow the events a moment
 * behind) has no report: the page says so instead of failing.
 */
@Component
public class ConsoleReports {

    static final String FLEET_CSV = "/console/compliance/fleet/report.csv";

    private final DataSeparationReports reports;

    ConsoleReports(DataSeparationReports reports) {
        this.reports = reports;
    }

    public Optional<ReportView> forEnrollment(String enrollmentRef) {
        return known(() -> ReportView.of(reports.forEnrollment(enrollmentRef), "/console/compliance/enrollments/"
                + UriUtils.encodePathSegment(enrollmentRef, StandardCharsets.UTF_8) + "/report.csv"));
    }

    public Optional<ReportView> forAccount(String email) {
        return known(() -> ReportView.of(reports.forAccount(email), "/console/compliance/accounts/"
                + UriUtils.encodePathSegment(email, StandardCharsets.UTF_8) + "/report.csv"));
    }

    public ReportView forFleet() {
        return ReportView.of(reports.forFleet(), FLEET_CSV);
    }

    private static Optional<ReportView> known(Supplier<ReportView> report) {
        try {
            return Optional.of(report.get());
        } catch (UnknownComplianceSubject e) {
            return Optional.empty();
        }
    }
}
