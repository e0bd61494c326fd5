package io.ueledger.ops.owner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.query.HistoryEntryView;
import io.ueledger.ops.console.devices.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One enrollment's history retold for its owner, in plain words: what the organisation installed,
 * what it asked for and whether it got it, what it tried and was refused (with the rule's reason and
 * where the rule comes from), and how the enrollment ended or will end. Read from the events the
 * history view holds; values erased by crypto-shredding stay marked as erased.
 */
public record OwnerStory(List<Installed> installed, List<Asked> asked, List<Refused> refused, Ending ending) {

    /** Something of the organisation's on the device: a work app, a settings profile, a per-app VPN. */
    public record Installed(String kind, String name, Instant since, String eventId, boolean removed) {
    }

    /** A question or order the device received, and what came of it. */
    public record Asked(String what, String outcome, Instant at, String eventId) {
    }

    /** Something the organisation tried that the User Enrollment rules refused: nothing was sent to the device. */
    public record Refused(String what, String reason, String rule, String source, Instant at, String eventId) {
    }

    /**
     * @param closedAt      null while the enrollment is open
     * @param removed       what the device removed at the end, as recorded (empty while open)
     * @param keysDestroyed the kinds of work data whose keys were destroyed (open: those that will be)
     */
    public record Ending(Instant closedAt, String how, List<List<TimelineEntry.Part>> removed, List<String> keysDestroyed,
                  boolean serverKeyDestroyed) {

        public boolean closed() {
            return closedAt != null;
        }
    }

    static OwnerStory of(List<HistoryEntryView> events, ObjectMapper json) {
        Map<String, Installed> installed = new LinkedHashMap<>();
        Map<String, Asked> asked = new LinkedHashMap<>();
        List<Refused> refused = new ArrayList<>();
        Set<String> separated = new LinkedHashSet<>();
        List<String> removed = new ArrayList<>();
        List<String> destroyed = new ArrayList<>();
        boolean serverKeyDestroyed = false;
        Instant closedAt = null;
        String how = null;
        for (HistoryEntryView event : events) {
            JsonNode e = read(event.payload(), json);
            String id = event.eventId();
            Instant at = event.occurredAt();
            switch (event.eventType()) {
                case "ProfileInstalled" -> {
                    installed.put("profile:" + text(e, "profileIdentifier"), new Installed("Settings profile",
                            text(e, "profileIdentifier"), at, id, false));
                    for (JsonNode setting : e.path("perAppNetworking")) {
                        installed.put("net:" + text(setting, "payloadIdentifier"), new Installed(network(text(setting,
                                "kind")), "for the work apps " + String.join(", ", strings(setting.path("appBundleIds"))),
                                at, id, false));
                    }
                }
                case "ProfileRemoved" -> installed.computeIfPresent("profile:" + text(e, "profileIdentifier"),
                        (k, v) -> new Installed(v.kind(), v.name(), v.since(), v.eventId(), true));
                case "ManagedAppInstalled" -> installed.put("app:" + text(e, "bundleId"),
                        new Installed("Work app", text(e, "bundleId"), at, id, false));
                case "ManagedAppRemoved" -> installed.computeIfPresent("app:" + text(e, "bundleId"),
                        (k, v) -> new Installed(v.kind(), v.name(), v.since(), v.eventId(), true));
                case "MdmCommandQueued" -> {
                    String narrowing = text(e, "narrowing");
                    asked.put(text(e, "commandUuid"), new Asked(capital(PlainWords.request(text(e, "requestType"))),
                            "waiting for the device" + (narrowing == null ? ""
                                    : "; narrowed by the rules before sending: " + narrowing), at, id));
                }
                case "IdentityRenewalStarted" -> asked.put(text(e, "commandUuid"), new Asked(
                        "To renew the certificate that identifies this device to your organisation (it re-installs "
                        + "the work profile; nothing else changes)", "waiting for the device", at, id));
                case "IdentityCertificateRenewed" -> asked.replaceAll((k, v) -> v.what().startsWith("To renew the "
                        + "certificate") && v.outcome().startsWith("waiting") ? new Asked(v.what(),
                        "the device renewed its certificate, valid until " + text(e, "notAfter"), v.at(), v.eventId())
                        : v);
                case "IdentityRenewalFailed" -> outcome(asked, text(e, "commandUuid"), "it did not work ("
                        + text(e, "reason") + ")" + (e.path("willRetry").asBoolean()
                        ? "; your organisation will try again" : "; your organisation stopped trying"));
                case "MdmCommandAcknowledged" -> asked.computeIfPresent(text(e, "commandUuid"), (k, v) ->
                        v.outcome().startsWith("the device renewed") ? v
                                : new Asked(v.what(), "done by the device", v.at(), v.eventId()));
                case "MdmCommandFailed" -> outcome(asked, text(e, "commandUuid"), "the device answered with an error");
                case "MdmCommandDeferred" -> outcome(asked, text(e, "commandUuid"),
                        "the device said \u201cnot now\u201d; it will be asked again");
                case "ManagedAppInventoryReported" -> outcome(asked, text(e, "commandUuid"),
                        "the device answered with " + e.path("apps").size() + " work app(s)");
                case "MdmCommandRefused" -> refused.add(new Refused(capital(PlainWords.request(text(e, "requestType"))),
                        text(e, "reason"), text(e, "rule"), text(e, "source"), at, id));
                case "ManagedDataKeysCreated" -> e.path("dataClasses").forEach(c -> separated.add(dataClass(c.asText())));
                case "ManagedDataRemoved" -> {
                    strings(e.path("profiles")).forEach(p -> removed.add("Settings profile " + p));
                    strings(e.path("managedApps")).forEach(a -> removed.add("Work app " + a + " and its data"));
                    strings(e.path("accounts")).forEach(a -> removed.add("Work account " + a));
                    for (JsonNode setting : e.path("perAppNetworking")) {
                        removed.add(network(text(setting, "kind")) + " " + text(setting, "payloadIdentifier"));
                    }
                }
                case "ManagedDataKeysDestroyed" -> {
                    e.path("dataClasses").forEach(c -> destroyed.add(dataClass(c.asText())));
                    serverKeyDestroyed = text(e, "serverKeyCommitment") != null;
                }
                case "EnrollmentClosed" -> {
                    closedAt = at;
                    how = closure(text(e, "reason"));
                }
                default -> {
                    // enrollment stages and deliveries: shown in the full history below
                }
            }
        }
        Ending ending = closedAt == null
                ? new Ending(null, null, List.of(), List.copyOf(separated), false)
                : new Ending(closedAt, how, removed.stream().map(TimelineEntry::parts).toList(), destroyed,
                        serverKeyDestroyed);
        return new OwnerStory(List.copyOf(installed.values()), List.copyOf(asked.values()), refused, ending);
    }

    private static void outcome(Map<String, Asked> asked, String commandUuid, String outcome) {
        asked.computeIfPresent(commandUuid, (k, v) -> new Asked(v.what(), outcome, v.at(), v.eventId()));
    }

    private static String network(String kind) {
        if (kind == null) {
            return "Network setting";
        }
        return switch (kind) {
            case "VPN" -> "Per-app VPN";
            case "DNS_PROXY" -> "Per-app DNS proxy";
            case "CONTENT_FILTER" -> "Per-app content filter";
            default -> "Network setting";
        };
    }

    private static String dataClass(String name) {
        try {
            return DataClass.valueOf(name).description();
        } catch (IllegalArgumentException unknown) {
            return name;
        }
    }

    private static String closure(String reason) {
        if (reason == null) {
            return "it ended";
        }
        return switch (reason) {
            case "CHECKED_OUT" -> "you removed the work account from the device";
            case "UNENROLLED_BY_ADMIN" -> "your organisation ended the enrollment and the device removed everything";
            case "APNS_UNREGISTERED" -> "Apple reported that the device no longer receives notifications from "
                    + "your organisation";
            case "SILENCE" -> "your organisation ended it after the device stopped answering";
            default -> reason;
        };
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode read(String payload, ObjectMapper json) {
        try {
            return payload == null ? json.createObjectNode() : json.readTree(payload);
        } catch (Exception unreadable) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
