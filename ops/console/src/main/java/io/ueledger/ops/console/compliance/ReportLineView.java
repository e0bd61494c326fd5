package io.ueledger.ops.console.compliance;

import io.ueledger.query.compliance.LineVerdict;
import io.ueledger.query.compliance.ReportLine;
import java.util.List;
import java.util.Locale;

/**
 * One "MDM can / can't" line as the console writes it: "Remotely wipe the entire device: attempted
 * and refused", then the evidence sentence and links to the events it cites. A line of the fleet
 * report can cite many events; the first few are linked, the rest counted.
 */
public record ReportLineView(String side, String what, LineVerdict verdict, String verdictWords, String evidence,
                             List<String> eventIds, int moreEvents) {

    static final int EVENTS_LINKED = 6;

    public static ReportLineView of(ReportLine line) {
        String text = line.text() == null || line.text().isEmpty() ? line.lineId()
                : line.text().substring(0, 1).toUpperCase(Locale.ROOT) + line.text().substring(1);
        List<String> linked = line.eventIds().stream().limit(EVENTS_LINKED).toList();
        return new ReportLineView("cannot".equals(line.kind()) ? "MDM can't"
                : "device-reported".equals(line.kind()) ? "Device reports" : "MDM can", text, line.verdict(),
                words(line.verdict()), line.evidence(), linked, line.eventIds().size() - linked.size());
    }

    static String words(LineVerdict verdict) {
        return switch (verdict) {
            case HELD -> "held";
            case ATTEMPTED_AND_REFUSED -> "attempted and refused";
            case VIOLATED -> "VIOLATED";
            case USED -> "used";
            case NOT_USED -> "not used";
            case REPORTED_OK -> "reported by the device: as declared";
            case REPORTED_PROBLEM -> "reported by the device: NOT as declared";
            case NOT_REPORTED -> "not reported by the device";
        };
    }

    /** The sentence a screen reader and a copy-paste get: "Remotely wipe the entire device: attempted and refused". */
    public String headline() {
        return what + ": " + verdictWords;
    }
}
