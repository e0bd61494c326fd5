package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the parsed matrix files into a {@link CapabilityMatrix}, checking as it goes that every
 * row names a known platform, every line id exists and every cannot row carries a rule, so a bad
 * regeneration fails at start-up rather than deciding wrongly later.
 */
final class MatrixAssembly {

    private static final Set<String> PLATFORM_NAMES = Set.of("iOS", "iPadOS", "macOS", "visionOS");

    private MatrixAssembly() {
    }

    static CapabilityMatrix assemble(TsvFile capabilities, TsvFile queries, TsvFile overrides, TsvFile lineFile) {
        String version = overrides.directive("matrix-version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(overrides.name() + " lacks its 'matrix-version' line");
        }
        Map<String, TsvFile.Row> lineRows = new LinkedHashMap<>();
        lineFile.rows().forEach(row -> lineRows.put(row.get("line_id"), row));

        List<CapabilityRow> schemaRows = new ArrayList<>();
        for (TsvFile.Row row : capabilities.rows()) {
            if (!PLATFORM_NAMES.contains(row.get("os"))) {
                continue; // tvOS/watchOS-only payloads: no user enrollment there
            }
            schemaRows.add(schemaRow(row));
        }
        List<QueryKeyRow> queryRows = new ArrayList<>();
        for (TsvFile.Row row : queries.rows()) {
            Map<String, String> status = new LinkedHashMap<>();
            for (String os : List.of("iOS", "macOS", "visionOS")) {
                status.put(os, row.get(os).toLowerCase(Locale.ROOT));
            }
            queryRows.add(new QueryKeyRow(row.get("query_key"), status, row.get("note"),
                    row.source(upstream(row.get("source_file"), row.get("commit")))));
        }

        List<CapabilityRow> overrideRows = new ArrayList<>();
        List<LineMapping> mappings = new ArrayList<>();
        List<PayloadAllowlist> allowlists = new ArrayList<>();
        Map<String, PerAppNetworkSetting.Kind> bindingKinds = new LinkedHashMap<>();
        Map<String, RowSource> bindingSources = new LinkedHashMap<>();
        for (TsvFile.Row row : overrides.rows()) {
            String kind = row.get("kind");
            String os = row.get("os");
            if (!"*".equals(os) && !PLATFORM_NAMES.contains(os)) {
                throw new IllegalStateException(where(row) + ": unknown os '" + os + "'");
            }
            String lineId = row.optional("line_id");
            if (lineId != null && !lineRows.containsKey(lineId)) {
                throw new IllegalStateException(where(row) + ": unknown line_id '" + lineId + "'");
            }
            RowSource source = row.source(row.get("source"));
            switch (kind) {
                case "command", "profile" -> overrideRows.add(new CapabilityRow(kind, row.get("identifier"), os,
                        OsVersion.parse(row.get("introduced")), UeSupport.parse(row.get("ue_allowed")),
                        KeyRule.parseList(row.get("keys")), List.of(), row.get("notes"), row.optional("rule_id"),
                        lineId, row.optional("reason"), source));
                case "payload-allowlist" -> allowlists.add(new PayloadAllowlist(row.get("identifier"), os,
                        KeyRule.parseList(row.get("keys")), required(row, "rule_id"), lineId, row.get("reason"), source));
                case "managed-app-binding" -> {
                    bindingKinds.put(row.get("identifier"), PerAppNetworkSetting.Kind.valueOf(row.get("subject")));
                    bindingSources.put(row.get("identifier"), source);
                }
                case "cannot" -> mappings.add(new LineMapping(true, row.get("identifier"), row.optional("subject"), os,
                        required(row, "rule_id"), required(row, "line_id"), required(row, "reason"), source));
                case "can" -> mappings.add(new LineMapping(false, row.get("identifier"), row.optional("subject"), os,
                        row.optional("rule_id"), required(row, "line_id"), row.get("reason"), source));
                default -> throw new IllegalStateException(where(row) + ": unknown kind '" + kind + "'");
            }
        }

        // Which rules and subjects relate to each "MDM can / can't" line: every override row that names one.
        List<String[]> relations = new ArrayList<>();
        mappings.forEach(m -> relations.add(new String[] {m.lineId(), m.ruleId(), m.label()}));
        allowlists.forEach(a -> relations.add(new String[] {a.lineId(), a.ruleId(), "InstallProfile " + a.payloadType()}));
        overrideRows.stream().filter(r -> r.lineId() != null).forEach(r -> relations.add(new String[] {r.lineId(),
                r.ruleId(), r.kind().equals("profile") ? "InstallProfile " + r.identifier() : r.identifier()}));
        List<CanCannotLine> lines = new ArrayList<>();
        for (TsvFile.Row row : lineFile.rows()) {
            String id = row.get("line_id");
            List<String[]> related = relations.stream().filter(r -> id.equals(r[0])).toList();
            List<String> rules = related.stream().map(r -> r[1]).filter(r -> r != null).distinct().toList();
            List<String> subjects = related.stream().map(r -> r[2]).distinct().toList();
            lines.add(new CanCannotLine(id, CanCannotLine.Side.valueOf(row.get("side").toUpperCase(Locale.ROOT)),
                    row.get("text"), row.get("source"), rules, subjects));
        }
        return CapabilityMatrix.of(version, schemaRows, overrideRows, queryRows, mappings, allowlists, bindingKinds,
                bindingSources, lines);
    }

    private static CapabilityRow schemaRow(TsvFile.Row row) {
        String introduced = row.get("introduced");
        return new CapabilityRow(row.get("kind"), row.get("identifier"), row.get("os"),
                introduced.isEmpty() ? null : OsVersion.parse(introduced),
                UeSupport.parse(row.get("ue_allowed")),
                KeyRule.parseList(row.get("keys_forbidden_or_ignored_under_ue")),
                KeyRule.parseList(row.get("response_keys_withheld_under_ue")),
                row.get("notes"), null, null, null,
                row.source(upstream(row.get("source_file"), row.get("commit"))));
    }

    private static String upstream(String file, String commit) {
        if (file.isEmpty()) {
            return null;
        }
        String shortCommit = commit.length() > 8 ? commit.substring(0, 8) : commit;
        return "apple/device-management " + file + (shortCommit.isEmpty() ? "" : " @ " + shortCommit);
    }

    private static String required(TsvFile.Row row, String column) {
        String value = row.optional(column);
        if (value == null) {
            throw new IllegalStateException(where(row) + ": column '" + column + "' must not be empty");
        }
        return value;
    }

    private static String where(TsvFile.Row row) {
        return row.file() + " line " + row.line();
    }
}
