package io.ueledger.ops.console.compliance;

import io.ueledger.ops.console.web.ConsoleNotFound;
import io.ueledger.query.compliance.DataSeparationReport;
import io.ueledger.query.compliance.DataSeparationReports;
import io.ueledger.query.compliance.ReportCsv;
import io.ueledger.query.compliance.UnknownComplianceSubject;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The fleet's data-separation report, and the CSV downloads of every report. The API serves the
 * same CSV, but behind HTTP Basic; signed-in staff download it here, with their console session.
 */
@Controller
class CompliancePages {

    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ConsoleReports views;
    private final DataSeparationReports reports;

    CompliancePages(ConsoleReports views, DataSeparationReports reports) {
        this.views = views;
        this.reports = reports;
    }

    @GetMapping("/console/compliance")
    String fleet(Model model) {
        model.addAttribute("report", views.forFleet());
        return "console/compliance";
    }

    @GetMapping(ConsoleReports.FLEET_CSV)
    ResponseEntity<String> fleetCsv() {
        return csv(reports.forFleet(), "data-separation-fleet.csv");
    }

    @GetMapping("/console/compliance/enrollments/{ref}/report.csv")
    ResponseEntity<String> enrollmentCsv(@PathVariable("ref") String ref) {
        return csv(known(() -> reports.forEnrollment(ref)), "data-separation-" + ref + ".csv");
    }

    @GetMapping("/console/compliance/accounts/{email}/report.csv")
    ResponseEntity<String> accountCsv(@PathVariable("email") String email) {
        return csv(known(() -> reports.forAccount(email)), "data-separation-" + email + ".csv");
    }

    private static ResponseEntity<String> csv(DataSeparationReport report, String fileName) {
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(ReportCsv.write(report));
    }

    private static DataSeparationReport known(Supplier<DataSeparationReport> report) {
        try {
            return report.get();
        } catch (UnknownComplianceSubject e) {
            throw new ConsoleNotFound(e.getMessage());
        }
    }
}
