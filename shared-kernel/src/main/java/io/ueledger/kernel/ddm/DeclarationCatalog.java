package io.ueledger.kernel.ddm;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declaration types and status items of Apple's schema with their User Enrollment support per
 * OS, read from {@code ue-ddm/declarations.tsv} and {@code ue-ddm/status-items.tsv} (see the NOTICE
 * beside them). Rows are read by column name so a regenerated file may add columns.
 */
public final class DeclarationCatalog {

    static final String DECLARATIONS = "ue-ddm/declarations.tsv";
    static final String STATUS_ITEMS = "ue-ddm/status-items.tsv";

    /** How one OS supports a type: introduced in which version, and whether "user" enrollments are listed. */
    public record OsSupport(OsVersion introduced, String userEnrollment) {
        public boolean exists() {
            return introduced != null;
        }
    }

    /** One declaration type. */
    public record TypeRow(DeclarationCategory category, String type, Map<String, OsSupport> support,
                          List<String> requiredKeys, List<String> keysForbiddenUnderUe, String schemaFile,
                          String schemaCommit, int line) {

        public OsSupport on(Platform platform) {
            return support.getOrDefault(schemaOs(platform), new OsSupport(null, "n/a"));
        }

        public String source() {
            return DECLARATIONS + " line " + line + " (" + schemaFile + " @ " + schemaCommit.substring(0, 12) + ")";
        }
    }

    /** One status item. */
    public record StatusItemRow(String name, Map<String, OsSupport> support, String schemaFile, int line) {
        public OsSupport on(Platform platform) {
            return support.getOrDefault(schemaOs(platform), new OsSupport(null, "n/a"));
        }
    }

    private static final DeclarationCatalog BUNDLED = load();

    private final Map<String, TypeRow> types;
    private final Map<String, StatusItemRow> statusItems;

    private DeclarationCatalog(Map<String, TypeRow> types, Map<String, StatusItemRow> statusItems) {
        this.types = types;
        this.statusItems = statusItems;
    }

    public static DeclarationCatalog bundled() {
        return BUNDLED;
    }

    public Optional<TypeRow> type(String type) {
        return Optional.ofNullable(types.get(type));
    }

    public Collection<TypeRow> types() {
        return types.values();
    }

    public Optional<StatusItemRow> statusItem(String name) {
        return Optional.ofNullable(statusItems.get(name));
    }

    public Collection<StatusItemRow> statusItems() {
        return statusItems.values();
    }

    /** The schema has one column for iPhone and iPad: iPadOS rows are the iOS rows. */
    static String schemaOs(Platform platform) {
        return switch (platform) {
            case IOS, IPADOS -> "iOS";
            case MACOS -> "macOS";
            case VISIONOS -> "visionOS";
        };
    }

    private static DeclarationCatalog load() {
        Map<String, TypeRow> types = new LinkedHashMap<>();
        for (Map.Entry<Integer, Map<String, String>> row : read(DECLARATIONS).entrySet()) {
            Map<String, String> r = row.getValue();
            DeclarationCategory category = DeclarationCategory.fromPathSegment(r.get("kind")).orElseThrow(
                    () -> new IllegalStateException(DECLARATIONS + " line " + row.getKey() + ": unknown kind"));
            types.put(r.get("type"), new TypeRow(category, r.get("type"),
                    support(r.get("platforms_introduced"), r.get("userenrollment")), list(r.get("required_keys"), ","),
                    list(r.get("keys_forbidden_under_ue"), ";"), r.get("source_file"), r.get("schema_commit"),
                    row.getKey()));
        }
        Map<String, StatusItemRow> items = new LinkedHashMap<>();
        for (Map.Entry<Integer, Map<String, String>> row : read(STATUS_ITEMS).entrySet()) {
            Map<String, String> r = row.getValue();
            items.put(r.get("item"), new StatusItemRow(r.get("item"),
                    support(r.get("platforms_introduced"), r.get("userenrollment")), r.get("source_file"),
                    row.getKey()));
        }
        return new DeclarationCatalog(Map.copyOf(types), Map.copyOf(items));
    }

    private static Map<String, OsSupport> support(String introduced, String userEnrollment) {
        Map<String, String> ue = pairs(userEnrollment);
        Map<String, OsSupport> support = new LinkedHashMap<>();
        pairs(introduced).forEach((os, version) -> support.put(os, new OsSupport(
                "n/a".equals(version) ? null : OsVersion.parse(version), ue.getOrDefault(os, "n/a"))));
        return support;
    }

    private static Map<String, String> pairs(String cell) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : cell.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return map;
    }

    private static List<String> list(String cell, String separator) {
        if (cell == null || cell.isBlank() || "-".equals(cell.trim())) {
            return List.of();
        }
        return Arrays.stream(cell.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<Integer, Map<String, String>> read(String resource) {
        InputStream in = DeclarationCatalog.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = null;
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                String[] cells = text.split("\t", -1);
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    byColumn.put(header[i], i < cells.length ? cells[i].trim() : "");
                }
                rows.put(line, byColumn);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static List<String> copy(List<String> list) {
        return new ArrayList<>(list);
    }
}
