package io.ueledger.ops.console.compliance;

import io.ueledger.query.compliance.DataSeparationReport;
import java.time.Instant;
import java.util.List;

/**
 * A data-separation report ready for a page: its lines, what it covers, and where its CSV is.
 *
 * @param csvPath the console route that downloads the same report as CSV
 */
public record ReportView(String scope, int enrollments, String matrixVersion, Instant generatedAt,
                         boolean anyViolation, List<ReportLineView> lines, String csvPath) {

    public static ReportView of(DataSeparationReport report, String csvPath) {
        return new ReportView(report.scope(), report.enrollments(), report.matrixVersion(), report.generatedAt(),
                report.anyViolation(), report.lines().stream().map(ReportLineView::of).toList(), csvPath);
    }
}
