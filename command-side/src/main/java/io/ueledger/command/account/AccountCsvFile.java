package io.ueledger.command.account;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an account file: UTF-8 (a byte-order mark is ignored), RFC 4180 CSV, a header row naming at
 * least {@code email} and {@code display_name} (any case, any order; other columns are ignored),
 * then one account per row. Blank lines are skipped; values are trimmed.
 *
 * <p>Only the shape of the file is checked here; what the rows mean is checked by {@link AccountImport}.
 */
final class AccountCsvFile {

    static final String EMAIL = "email";
    static final String DISPLAY_NAME = "display_name";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    /** One account row; {@code line} is where it starts in the file (the header is line 1). */
    record Row(long line, String email, String displayName) {
    }

    private AccountCsvFile() {
    }

    /**
     * @throws InvalidAccountFile  when the file is not UTF-8, not CSV, or misses a required column
     * @throws AccountFileTooLarge when it holds more than {@code maxRows} rows
     */
    static List<Row> parse(byte[] content, int maxRows) {
        String text = decode(content);
        List<Row> rows = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = parser.getHeaderNames().stream().map(String::toLowerCase).toList();
            if (!header.contains(EMAIL) || !header.contains(DISPLAY_NAME)) {
                throw new InvalidAccountFile(List.of(new LineProblem(1, "the header row must name the columns '"
                        + EMAIL + "' and '" + DISPLAY_NAME + "' (found " + header + ")")));
            }
            Iterator<CSVRecord> records = parser.iterator();
            long nextLine = parser.getCurrentLineNumber() + 1;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                // blank lines are skipped by the parser; they push the record further down
                long line = Math.max(nextLine, lineOf(parser, record));
                nextLine = parser.getCurrentLineNumber() + 1;
                if (rows.size() + problems.size() >= maxRows) {
                    throw new AccountFileTooLarge("the file has more than " + maxRows
                            + " account rows; split it into smaller files");
                }
                if (!record.isConsistent()) {
                    problems.add(new LineProblem(line, "expected " + header.size() + " values but found "
                            + record.size()));
                    continue;
                }
                rows.add(new Row(line, record.get(EMAIL), record.get(DISPLAY_NAME)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // commons-csv reports unreadable CSV (an unclosed quote, a duplicate header) this way
            throw new InvalidAccountFile(List.of(new LineProblem(0, "the file is not valid CSV: "
                    + rootMessage(e))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidAccountFile(problems);
        }
        return rows;
    }

    private static long lineOf(CSVParser parser, CSVRecord record) {
        // the parser has read up to the end of this record; a record spans one line unless quoted
        // values hold line breaks, which we count back
        long breaks = record.stream().filter(v -> v != null).mapToLong(v -> v.chars().filter(c -> c == '\n').count())
                .sum();
        return parser.getCurrentLineNumber() - breaks;
    }

    private static String decode(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidAccountFile(List.of(new LineProblem(0, "the file is not UTF-8 text; save it as "
                    + "'CSV UTF-8'")));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
