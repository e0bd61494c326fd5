package io.ueledger.query.compliance;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The report as CSV: one record per line, for spreadsheets and archives. */
public final class ReportCsv {

    private static final String[] HEADER = {"line_id", "kind", "text", "verdict", "evidence", "event_ids",
        "refused", "queued", "delivered", "acknowledged", "delivered_limited"};

    private ReportCsv() {
    }

    public static String write(DataSeparationReport report) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (ReportLine line : report.lines()) {
                csv.printRecord(line.lineId(), line.kind(), line.text(), line.verdict(), line.evidence(),
                        String.join(" ", line.eventIds()), count(line, "refused"), count(line, "queued"),
                        count(line, "delivered"), count(line, "acknowledged"), count(line, "delivered_limited"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static long count(ReportLine line, String key) {
        return line.counts().getOrDefault(key, 0L);
    }
}
