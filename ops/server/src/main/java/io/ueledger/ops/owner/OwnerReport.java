package io.ueledger.ops.owner;

import io.ueledger.ops.console.compliance.ReportLineView;
import io.ueledger.ops.console.compliance.ReportView;
import java.util.List;

/**
 * The data-separation report of one enrollment as its owner reads it: two lists, "your organisation
 * could" and "your organisation could not", each line with what actually happened in plain words.
 */
public record OwnerReport(boolean anyViolation, List<Line> could, List<Line> couldNot, String matrixVersion) {

    public record Line(String what, String happened, String evidence, boolean violated) {
    }

    static OwnerReport of(ReportView report) {
        List<Line> could = report.lines().stream().filter(l -> l.side().equals("MDM can")).map(OwnerReport::line).toList();
        List<Line> couldNot = report.lines().stream().filter(l -> !l.side().equals("MDM can")).map(OwnerReport::line)
                .toList();
        return new OwnerReport(report.anyViolation(), could, couldNot, report.matrixVersion());
    }

    private static Line line(ReportLineView line) {
        String happened = switch (line.verdict()) {
            case HELD -> "never done: the rules held";
            case ATTEMPTED_AND_REFUSED -> "tried, and refused by the rules: nothing reached your device";
            case VIOLATED -> "done although the rules forbid it; tell your organisation's data protection officer";
            case USED -> "done";
            case NOT_USED -> "not done so far";
            case REPORTED_OK -> "your device itself reports that all is as the organisation set it";
            case REPORTED_PROBLEM -> "your device itself reports that a setting did not apply as the organisation set it";
            case NOT_REPORTED -> "your device has not reported on this";
        };
        return new Line(line.what(), happened, line.evidence(), line.verdict().name().equals("VIOLATED"));
    }
}
