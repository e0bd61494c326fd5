package io.ueledger.query.compliance;

import java.util.List;
import java.util.Map;

/**
 * One line of the data-separation report: a row of the source document's "MDM can / can't" table,
 * what the events show about it, and which events show it.
 *
 * @param kind     {@code can} or {@code cannot}
 * @param evidence one readable sentence (or a few, separated by "; ") a compliance officer can check
 * @param eventIds the ids of the events cited, earliest first (at most a few per kind of evidence)
 * @param counts   how many events of each kind relate to the line (queued, delivered, refused, …)
 */
public record ReportLine(String lineId, String kind, String text, LineVerdict verdict, String evidence,
                         List<String> eventIds, Map<String, Long> counts) {

    public ReportLine {
        eventIds = List.copyOf(eventIds);
        counts = Map.copyOf(counts);
    }
}
