package io.ueledger.kernel.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shipped matrix files independently of the production loader, so the TSV-driven tests
 * compare the policy against the files themselves, not against the loader's own reading of them.
 */
final class MatrixTsv {

    record Line(int number, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "").trim();
        }

        @Override
        public String toString() {
            return "line " + number + " " + cells.values().stream().limit(5).toList();
        }
    }

    private MatrixTsv() {
    }

    static List<Line> read(String file) {
        try (InputStream in = MatrixTsv.class.getClassLoader().getResourceAsStream("ue-policy/" + file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Line> lines = new ArrayList<>();
            String[] header = null;
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank() || text.startsWith("#") || text.startsWith("matrix-version\t")) {
                    continue;
                }
                String[] cells = text.split("\t", -1);
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    byColumn.put(header[i], i < cells.length ? cells[i] : "");
                }
                lines.add(new Line(number, byColumn));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
