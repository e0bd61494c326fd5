package io.ueledger.kernel.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tab-separated matrix file: {@code #} comment lines, optional {@code name<TAB>value} directive
 * lines before the header, one header line, then data rows read by column name (so a regenerated
 * file may reorder or add columns).
 */
final class TsvFile {

    record Row(String file, int line, Map<String, String> cells) {

        String get(String column) {
            String value = cells.get(column);
            return value == null ? "" : value.trim();
        }

        String optional(String column) {
            String value = get(column);
            return value.isEmpty() ? null : value;
        }

        RowSource source(String upstream) {
            return new RowSource(file, line, upstream);
        }
    }

    private final String name;
    private final Map<String, String> directives;
    private final List<Row> rows;

    private TsvFile(String name, Map<String, String> directives, List<Row> rows) {
        this.name = name;
        this.directives = directives;
        this.rows = rows;
    }

    static TsvFile read(String name, InputStream in, List<String> requiredColumns) {
        if (in == null) {
            throw new IllegalStateException("matrix file " + name + " is missing from the classpath");
        }
        Map<String, String> directives = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        String[] header = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            int lineNo = 0;
            while ((text = reader.readLine()) != null) {
                lineNo++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                String[] cells = text.split("\t", -1);
                if (header == null) {
                    if (requiredColumns.contains(cells[0])) {
                        header = cells;
                    } else if (cells.length == 2) {
                        directives.put(cells[0].trim(), cells[1].trim());
                    } else {
                        throw new IllegalStateException(name + " line " + lineNo + ": expected the header line");
                    }
                    continue;
                }
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    byColumn.put(header[i], i < cells.length ? cells[i] : "");
                }
                rows.add(new Row(name, lineNo, byColumn));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read matrix file " + name, e);
        }
        if (header == null) {
            throw new IllegalStateException(name + " has no header line");
        }
        List<String> present = List.of(header);
        for (String column : requiredColumns) {
            if (!present.contains(column)) {
                throw new IllegalStateException(name + " lacks the column '" + column + "'");
            }
        }
        return new TsvFile(name, directives, List.copyOf(rows));
    }

    String name() {
        return name;
    }

    String directive(String key) {
        return directives.get(key);
    }

    List<Row> rows() {
        return rows;
    }
}
