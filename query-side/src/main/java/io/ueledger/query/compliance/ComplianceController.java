package io.ueledger.query.compliance;

import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compliance officer's read-only API: the data-separation report per enrollment, per Managed
 * Apple Account and for the fleet (JSON, or CSV with {@code ?format=csv}), and the fleet summary.
 */
@RestController
@RequestMapping("/api/compliance")
public class ComplianceController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final DataSeparationReports reports;
    private final FleetSummaries summaries;

    public ComplianceController(DataSeparationReports reports, FleetSummaries summaries) {
        this.reports = reports;
        this.summaries = summaries;
    }

    @GetMapping("/enrollments/{ref}/report")
    public ResponseEntity<?> enrollment(@PathVariable String ref, @RequestParam(defaultValue = "json") String format) {
        ReportFormat chosen = ReportFormat.parse(format);
        return answer(reports.forEnrollment(ref), chosen);
    }

    @GetMapping("/accounts/{email}/report")
    public ResponseEntity<?> account(@PathVariable String email, @RequestParam(defaultValue = "json") String format) {
        ReportFormat chosen = ReportFormat.parse(format);
        return answer(reports.forAccount(email), chosen);
    }

    @GetMapping("/fleet/report")
    public ResponseEntity<?> fleet(@RequestParam(defaultValue = "json") String format) {
        ReportFormat chosen = ReportFormat.parse(format);
        return answer(reports.forFleet(), chosen);
    }

    @GetMapping("/fleet/summary")
    public FleetSummary summary() {
        return summaries.summary();
    }

    private static ResponseEntity<?> answer(DataSeparationReport report, ReportFormat format) {
        if (format == ReportFormat.CSV) {
            return ResponseEntity.ok().contentType(TEXT_CSV).body(ReportCsv.write(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    enum ReportFormat {
        JSON, CSV;

        static ReportFormat parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "csv" -> CSV;
                default -> throw new UnsupportedReportFormat("format '" + text + "' is not offered; use json or csv");
            };
        }
    }
}
