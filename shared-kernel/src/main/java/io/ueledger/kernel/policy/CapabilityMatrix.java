package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The User Enrollment capability matrix: what an MDM server may ask of a user-enrolled device,
 * per request type / payload type, platform and OS version. Loaded once from the versioned files
 * in {@code ue-policy/} (see its README): the two TSVs derived from Apple's device-management
 * schema, then {@code overrides.tsv}, whose rows win, and the "MDM can / can't" table.
 */
public final class CapabilityMatrix {

    static final String DIRECTORY = "ue-policy/";
    static final String CAPABILITIES = "ue-capabilities.tsv";
    static final String QUERIES = "ue-deviceinformation-queries.tsv";
    static final String OVERRIDES = "overrides.tsv";
    static final String LINES = "mdm-can-cannot.tsv";

    private record Key(String kind, String identifier, String os) {
    }

    private record Binding(PerAppNetworkSetting.Kind kind, RowSource source) {
    }

    private static volatile CapabilityMatrix standard;

    private final String version;
    private final Map<Key, CapabilityRow> schemaRows;
    private final Map<Key, CapabilityRow> overrideRows;
    private final Map<String, QueryKeyRow> queryKeys;
    private final List<LineMapping> mappings;
    private final Map<Key, PayloadAllowlist> allowlists;
    private final Map<String, Binding> bindings;
    private final Map<String, CanCannotLine> lines;

    private CapabilityMatrix(String version, Map<Key, CapabilityRow> schemaRows, Map<Key, CapabilityRow> overrideRows,
                             Map<String, QueryKeyRow> queryKeys, List<LineMapping> mappings,
                             Map<Key, PayloadAllowlist> allowlists, Map<String, Binding> bindings,
                             Map<String, CanCannotLine> lines) {
        this.version = version;
        this.schemaRows = schemaRows;
        this.overrideRows = overrideRows;
        this.queryKeys = queryKeys;
        this.mappings = mappings;
        this.allowlists = allowlists;
        this.bindings = bindings;
        this.lines = lines;
    }

    /** The matrix shipped in this module's resources, loaded on first use. */
    public static CapabilityMatrix standard() {
        CapabilityMatrix matrix = standard;
        if (matrix == null) {
            synchronized (CapabilityMatrix.class) {
                if (standard == null) {
                    standard = load(name -> CapabilityMatrix.class.getClassLoader().getResourceAsStream(DIRECTORY + name));
                }
                matrix = standard;
            }
        }
        return matrix;
    }

    /** Loads the four matrix files through {@code open} (file name to stream); fails on any inconsistent row. */
    public static CapabilityMatrix load(Function<String, InputStream> open) {
        TsvFile capabilities = TsvFile.read(CAPABILITIES, open.apply(CAPABILITIES),
                List.of("kind", "identifier", "os", "introduced", "ue_allowed", "keys_forbidden_or_ignored_under_ue"));
        TsvFile queries = TsvFile.read(QUERIES, open.apply(QUERIES), List.of("query_key", "iOS", "macOS", "visionOS"));
        TsvFile overrides = TsvFile.read(OVERRIDES, open.apply(OVERRIDES),
                List.of("kind", "identifier", "subject", "os", "introduced", "ue_allowed", "keys", "rule_id", "line_id",
                        "reason", "source"));
        TsvFile lineFile = TsvFile.read(LINES, open.apply(LINES), List.of("line_id", "side", "text", "source"));
        return MatrixAssembly.assemble(capabilities, queries, overrides, lineFile);
    }

    /** Built by {@link MatrixAssembly}; kept package-private so the matrix stays immutable for callers. */
    static CapabilityMatrix of(String version, Collection<CapabilityRow> schemaRows, Collection<CapabilityRow> overrideRows,
                               Collection<QueryKeyRow> queryKeys, List<LineMapping> mappings,
                               Collection<PayloadAllowlist> allowlists,
                               Map<String, PerAppNetworkSetting.Kind> bindingKinds, Map<String, RowSource> bindingSources,
                               Collection<CanCannotLine> lines) {
        Map<Key, CapabilityRow> schema = new LinkedHashMap<>();
        for (CapabilityRow row : schemaRows) {
            schema.merge(new Key(row.kind(), row.identifier(), row.os()), row, CapabilityRow::mergedWith);
        }
        Map<Key, CapabilityRow> override = new LinkedHashMap<>();
        for (CapabilityRow row : overrideRows) {
            override.put(new Key(row.kind(), row.identifier(), row.os()), row);
        }
        Map<String, QueryKeyRow> keys = new LinkedHashMap<>();
        queryKeys.forEach(row -> keys.put(row.key(), row));
        Map<Key, PayloadAllowlist> lists = new LinkedHashMap<>();
        allowlists.forEach(list -> lists.put(new Key("profile", list.payloadType(), list.os()), list));
        Map<String, Binding> binds = new LinkedHashMap<>();
        bindingKinds.forEach((type, kind) -> binds.put(type, new Binding(kind, bindingSources.get(type))));
        Map<String, CanCannotLine> byId = new LinkedHashMap<>();
        lines.forEach(line -> byId.put(line.id(), line));
        return new CapabilityMatrix(version, Map.copyOf(schema), Map.copyOf(override), Map.copyOf(keys),
                List.copyOf(mappings), Map.copyOf(lists), Map.copyOf(binds), byId);
    }

    /** Which platform columns describe a platform: iPad reads its own rows first, then the iOS ones (Apple's schema files iPadOS under iOS). */
    static List<String> lookupOrder(Platform platform) {
        return platform == Platform.IPADOS ? List.of("iPadOS", "iOS") : List.of(platform.displayName());
    }

    /** The matrix version every decision carries, from the {@code matrix-version} line of overrides.tsv. */
    public String version() {
        return version;
    }

    /** The effective row (override first) for a command or payload type on a platform. */
    public Optional<CapabilityRow> row(String kind, String identifier, Platform platform) {
        for (String os : lookupOrder(platform)) {
            Key key = new Key(kind, identifier, os);
            CapabilityRow row = overrideRows.getOrDefault(key, schemaRows.get(key));
            if (row != null) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** Whether the matrix knows the identifier on any platform. */
    public boolean knows(String kind, String identifier) {
        return schemaRows.keySet().stream().anyMatch(k -> k.kind.equals(kind) && k.identifier.equals(identifier))
                || overrideRows.keySet().stream().anyMatch(k -> k.kind.equals(kind) && k.identifier.equals(identifier));
    }

    /** Every effective row: schema rows not overridden, plus override rows. */
    public List<CapabilityRow> rows() {
        List<CapabilityRow> all = new ArrayList<>();
        schemaRows.forEach((key, row) -> {
            if (!overrideRows.containsKey(key)) {
                all.add(row);
            }
        });
        all.addAll(overrideRows.values());
        return all;
    }

    /** Whether an override row replaces the schema row for this identifier and platform name. */
    public boolean isOverridden(String kind, String identifier, String os) {
        return overrideRows.containsKey(new Key(kind, identifier, os));
    }

    public Optional<QueryKeyRow> queryKey(String key) {
        return Optional.ofNullable(queryKeys.get(key));
    }

    public Collection<QueryKeyRow> queryKeys() {
        return queryKeys.values();
    }

    /** The "MDM can't" mapping for a whole request type ({@code subject} null) or one key / payload type of it. */
    public Optional<LineMapping> cannot(String requestType, String subject, Platform platform) {
        List<String> names = lookupOrder(platform);
        return mappings.stream().filter(m -> m.refuses() && m.appliesTo(requestType, subject, names)).findFirst();
    }

    /** The "MDM can't" mappings that name a key of this request type on this platform. */
    public List<LineMapping> cannotKeys(String requestType, Platform platform) {
        List<String> names = lookupOrder(platform);
        return mappings.stream()
                .filter(m -> m.refuses() && m.subject() != null && m.identifier().equals(requestType)
                        && ("*".equals(m.os()) || names.contains(m.os())))
                .toList();
    }

    /** The "MDM can" lines a request type (or a payload type within InstallProfile) exercises. */
    public List<String> canLines(String requestType, String subject) {
        Set<String> ids = new LinkedHashSet<>();
        mappings.stream()
                .filter(m -> !m.refuses() && m.identifier().equals(requestType)
                        && (m.subject() == null || m.subject().equals(subject)))
                .forEach(m -> ids.add(m.lineId()));
        return List.copyOf(ids);
    }

    public Optional<PayloadAllowlist> allowlist(String payloadType, Platform platform) {
        for (String os : lookupOrder(platform)) {
            PayloadAllowlist list = allowlists.get(new Key("profile", payloadType, os));
            if (list != null) {
                return Optional.of(list);
            }
        }
        return Optional.empty();
    }

    /** For per-app networking payloads: which kind of managed-app binding they need. */
    public Optional<PerAppNetworkSetting.Kind> bindingKind(String payloadType) {
        return Optional.ofNullable(bindings.get(payloadType)).map(Binding::kind);
    }

    Optional<RowSource> bindingSource(String payloadType) {
        return Optional.ofNullable(bindings.get(payloadType)).map(Binding::source);
    }

    /** The "MDM can / can't" table, in the source document's order, with related rules and subjects. */
    public List<CanCannotLine> lines() {
        return List.copyOf(lines.values());
    }

    public Optional<CanCannotLine> line(String id) {
        return Optional.ofNullable(lines.get(id));
    }

    /** The OS floor a row states, or null; exposed for callers that only need the version. */
    public Optional<OsVersion> floor(String kind, String identifier, Platform platform) {
        return row(kind, identifier, platform).map(CapabilityRow::introduced);
    }
}
