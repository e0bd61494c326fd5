package io.ueledger.command.ddm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.ddm.DeclarationCatalog;
import io.ueledger.kernel.ddm.DeclarationCategory;
import io.ueledger.kernel.ddm.DeclarationStatus;
import io.ueledger.kernel.ddm.DeclarationsToken;
import io.ueledger.kernel.ddm.ReportedStatusItem;
import io.ueledger.kernel.ddm.StatusItemError;
import io.ueledger.kernel.ddm.StatusReason;
import io.ueledger.kernel.device.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a StatusReport (declarative/protocol/statusreport.yaml) and keeps only what User
 * Enrollment lets the server keep: items the schema lists for "user" enrollments on the device's
 * OS are recorded, others are dropped unread and named; account lists are recorded as a count.
 * Dotted item names nest in the JSON ({@code device.operating-system.version} is
 * {@code {"device":{"operating-system":{"version":…}}}}).
 */
final class StatusReportReader {

    static final String DECLARATIONS_ITEM = "management.declarations";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Report(boolean fullReport, List<DeclarationStatus> declarations, List<ReportedStatusItem> items,
                  List<String> droppedItems, List<StatusItemError> errors, String digest) {
    }

    private StatusReportReader() {
    }

    /** @throws MalformedStatusReport with a message a person understands */
    static Report read(byte[] json, Platform platform) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new MalformedStatusReport("the status report is not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedStatusReport("the status report must be a JSON object");
        }
        JsonNode statusItems = root.get("StatusItems");
        if (statusItems == null || !statusItems.isObject()) {
            throw new MalformedStatusReport("the status report has no StatusItems object (required by the schema)");
        }
        JsonNode errors = root.get("Errors");
        if (errors == null || !errors.isArray()) {
            throw new MalformedStatusReport("the status report has no Errors array (required by the schema, may be empty)");
        }
        JsonNode full = root.get("FullReport");
        if (full != null && !full.isBoolean()) {
            throw new MalformedStatusReport("FullReport must be a boolean");
        }
        List<DeclarationStatus> declarations = new ArrayList<>();
        List<ReportedStatusItem> items = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        walk("", statusItems, platform, declarations, items, dropped);
        return new Report(full != null && full.asBoolean(), declarations, items, dropped, errors(errors),
                DeclarationsToken.sha256(json));
    }

    private static void walk(String prefix, JsonNode node, Platform platform, List<DeclarationStatus> declarations,
                             List<ReportedStatusItem> items, List<String> dropped) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            Optional<DeclarationCatalog.StatusItemRow> row = DeclarationCatalog.bundled().statusItem(name);
            if (row.isEmpty()) {
                if (field.getValue().isObject()) {
                    walk(name, field.getValue(), platform, declarations, items, dropped);
                } else {
                    dropped.add(name);
                }
                continue;
            }
            if (!"user-listed".equals(row.get().on(platform).userEnrollment())) {
                dropped.add(name);
            } else if (name.equals(DECLARATIONS_ITEM)) {
                declarations.addAll(declarationStatuses(field.getValue()));
            } else if (name.startsWith("account.list.")) {
                // the device's accounts (user names, hosts) are the user's business: keep how many there are
                items.add(new ReportedStatusItem(name, "{\"count\":" + countPresent(field.getValue()) + "}"));
            } else {
                items.add(new ReportedStatusItem(name, text(field.getValue())));
            }
        }
    }

    private static List<DeclarationStatus> declarationStatuses(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedStatusReport(DECLARATIONS_ITEM + " must be an object");
        }
        List<DeclarationStatus> statuses = new ArrayList<>();
        for (DeclarationCategory category : DeclarationCategory.values()) {
            JsonNode list = node.get(category.statusKey());
            if (list == null) {
                continue;
            }
            if (!list.isArray()) {
                throw new MalformedStatusReport(DECLARATIONS_ITEM + "." + category.statusKey() + " must be an array");
            }
            for (JsonNode entry : list) {
                String identifier = entry.path("identifier").asText("");
                if (identifier.isEmpty()) {
                    throw new MalformedStatusReport(DECLARATIONS_ITEM + "." + category.statusKey()
                            + " has an entry without identifier");
                }
                boolean removed = entry.path("_removed").asBoolean(false);
                String valid = entry.path("valid").asText(removed ? "unknown" : "");
                if (!List.of("valid", "invalid", "unknown").contains(valid)) {
                    throw new MalformedStatusReport("declaration " + identifier + ": valid must be unknown, invalid or "
                            + "valid");
                }
                statuses.add(new DeclarationStatus(identifier, category, entry.path("server-token").asText(null),
                        entry.path("active").asBoolean(false), valid, reasons(entry.path("reasons"), "code",
                        "description"), removed));
            }
        }
        return statuses;
    }

    private static List<StatusItemError> errors(JsonNode errors) {
        List<StatusItemError> result = new ArrayList<>();
        for (JsonNode error : errors) {
            String item = error.path("StatusItem").asText("");
            if (item.isEmpty()) {
                throw new MalformedStatusReport("an entry of Errors has no StatusItem");
            }
            result.add(new StatusItemError(item, reasons(error.path("Reasons"), "Code", "Description")));
        }
        return result;
    }

    private static List<StatusReason> reasons(JsonNode list, String codeKey, String descriptionKey) {
        List<StatusReason> reasons = new ArrayList<>();
        if (list.isArray()) {
            for (JsonNode reason : list) {
                reasons.add(new StatusReason(reason.path(codeKey).asText(""), reason.path(descriptionKey).asText(null)));
            }
        }
        return reasons;
    }

    private static int countPresent(JsonNode list) {
        int count = 0;
        if (list.isArray()) {
            for (JsonNode entry : list) {
                if (!entry.path("_removed").asBoolean(false)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String text(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
