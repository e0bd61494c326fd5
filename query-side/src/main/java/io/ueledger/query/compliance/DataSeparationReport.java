package io.ueledger.query.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The data-separation report for one enrollment, one Managed Apple Account or the whole fleet:
 * one line per row of the "MDM can / can't" table, in the table's order.
 *
 * @param scope         {@code enrollment}, {@code account} or {@code fleet}
 * @param subject       the enrollment reference or account address; null for the fleet
 * @param enrollments   how many enrollments the report covers
 * @param matrixVersion the capability-matrix version whose table and mappings the lines follow
 * @param generatedAt   when the report was read from the views
 */
public record DataSeparationReport(String scope, String subject, int enrollments, String matrixVersion,
                                   Instant generatedAt, List<ReportLine> lines) {

    public DataSeparationReport {
        lines = List.copyOf(lines);
    }

    /** Whether any line shows something MDM can't do delivered to a device. */
    @JsonProperty("anyViolation")
    public boolean anyViolation() {
        return lines.stream().anyMatch(line -> line.verdict() == LineVerdict.VIOLATED);
    }
}
