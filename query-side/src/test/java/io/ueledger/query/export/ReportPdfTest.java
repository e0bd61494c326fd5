package io.ueledger.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.query.compliance.DataSeparationReport;
import io.ueledger.query.compliance.LineVerdict;
import io.ueledger.query.compliance.ReportLine;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportPdfTest {

    @Test
    void a_person_reads_title_subject_time_and_every_line_with_its_verdict_and_evidence() throws IOException {
        DataSeparationReport report = new DataSeparationReport("enrollment", "enr-42", 1, "2026.03",
                Instant.parse("2026-03-03T09:00:00Z"), List.of(
                        line("cannot.device-location", "access device location", LineVerdict.HELD,
                                "No DeviceLocation was ever delivered."),
                        line("cannot.remote-wipe", "wipe the whole device", LineVerdict.VIOLATED,
                                "EraseDevice delivered ≥ once\non 2026-03-03.")));

        String text = text(ReportPdf.write(report));

        assertThat(text).contains("Data-separation report", "Subject: enrollment enr-42",
                "Generated at 2026-03-03T09:00:00Z", "Capability matrix 2026.03", "access device location",
                "HELD", "No DeviceLocation was ever delivered.", "VIOLATED", "see the VIOLATED rows");
        // a character the standard fonts cannot show is replaced, not fatal; line breaks become spaces
        assertThat(text).contains("EraseDevice delivered ? once on 2026-03-03.");
    }

    @Test
    void a_long_report_flows_onto_further_pages() throws IOException {
        List<ReportLine> lines = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            lines.add(line("can.line-" + i, "line number " + i, LineVerdict.NOT_USED, "Not used: evidence " + i + "."));
        }
        DataSeparationReport report = new DataSeparationReport("fleet", null, 3, "2026.03", Instant.EPOCH, lines);

        try (PDDocument pdf = Loader.loadPDF(ReportPdf.write(report))) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            assertThat(new PDFTextStripper().getText(pdf)).contains("Subject: the whole fleet", "Not used: evidence 79.");
        }
    }

    private static ReportLine line(String id, String text, LineVerdict verdict, String evidence) {
        return new ReportLine(id, id.startsWith("can.") ? "can" : "cannot", text, verdict, evidence, List.of(), Map.of());
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
