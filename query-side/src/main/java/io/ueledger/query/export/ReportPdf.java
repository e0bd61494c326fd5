package io.ueledger.query.export;

import io.ueledger.query.compliance.DataSeparationReport;
import io.ueledger.query.compliance.ReportLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The data-separation report as a PDF a person reads and prints: title, subject, when it was
 * generated, then a table with one row per line of the "MDM can / can't" table (the line, can or
 * can't, the verdict and the evidence sentence). Standard PDF fonts only, so nothing is embedded
 * and no font file has to ship.
 */
final class ReportPdf {

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float SIZE = 8.5f;
    private static final float LEADING = 11;
    private static final float PADDING = 3;
    private static final float[] WIDTHS = {190, 45, 120, 415};
    private static final String[] HEADER = {"Line", "Kind", "Verdict", "Evidence"};

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private PDDocument document;
    private PDPageContentStream page;
    private float y;

    static byte[] write(DataSeparationReport report) {
        return new ReportPdf().render(report);
    }

    private byte[] render(DataSeparationReport report) {
        try (PDDocument doc = new PDDocument()) {
            document = doc;
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("Data-separation report");
            info.setSubject(subjectLine(report));
            info.setCreator("ue-ledger");
            newPage();
            text(bold, 16, MARGIN, "Data-separation report");
            y -= 22;
            text(regular, 10, MARGIN, subjectLine(report));
            y -= 14;
            text(regular, 10, MARGIN, "Generated at " + report.generatedAt() + "   Capability matrix " + report.matrixVersion()
                    + "   Enrollments covered: " + report.enrollments());
            y -= 14;
            text(bold, 10, MARGIN, report.anyViolation()
                    ? "A line shows something MDM can't do delivered to a device: see the VIOLATED rows."
                    : "No line shows anything MDM can't do delivered to a device.");
            y -= 18;
            row(bold, HEADER);
            for (ReportLine line : report.lines()) {
                row(regular, new String[] {line.text() + " (" + line.lineId() + ")", line.kind(),
                    line.verdict().name(), line.evidence()});
            }
            page.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report PDF", e);
        }
    }

    private static String subjectLine(DataSeparationReport report) {
        return switch (report.scope()) {
            case "enrollment" -> "Subject: enrollment " + report.subject();
            case "account" -> "Subject: Managed Apple Account " + report.subject();
            default -> "Subject: the whole fleet";
        };
    }

    private void row(PDType1Font font, String[] cells) throws IOException {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> cell = wrap(font, cells[i] == null ? "" : cells[i], WIDTHS[i] - 2 * PADDING);
            wrapped.add(cell);
            lines = Math.max(lines, cell.size());
        }
        float height = lines * LEADING + 2 * PADDING;
        if (y - height < MARGIN) {
            page.close();
            newPage();
        }
        float x = MARGIN;
        for (int i = 0; i < cells.length; i++) {
            page.addRect(x, y - height, WIDTHS[i], height);
            page.stroke();
            float lineY = y - PADDING - SIZE;
            for (String line : wrapped.get(i)) {
                text(font, SIZE, x + PADDING, lineY, line);
                lineY -= LEADING;
            }
            x += WIDTHS[i];
        }
        y -= height;
    }

    private List<String> wrap(PDType1Font font, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : printable(font, text).split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * SIZE > width) {
                lines.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    private void newPage() throws IOException {
        PDPage next = new PDPage(PAGE);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        page.setLineWidth(0.5f);
        y = PAGE.getHeight() - MARGIN;
    }

    private void text(PDType1Font font, float size, float x, String text) throws IOException {
        text(font, size, x, y - size, text);
    }

    private void text(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, baseline);
        page.showText(printable(font, text));
        page.endText();
    }

    /** The standard fonts know WinAnsi only: anything else would abort the document, so it becomes '?'. */
    private static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.replaceAll("\\s", " ").codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
