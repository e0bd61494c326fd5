package io.ueledger.ops.console.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.query.HistoryEntryView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One event of a device's timeline as the console shows it: the history's sentence, the event's
 * fields, and for a refusal the rule, its reason and its source spelled out. Values erased by
 * crypto-shredding arrive as {@value #SHREDDED}; they are marked so the page shows them as erased
 * data rather than as text someone typed.
 */
public record TimelineEntry(
        String eventId,
        long sequenceNumber,
        String eventType,
        String kind,
        Instant occurredAt,
        String actor,
        List<Part> summary,
        List<Field> fields,
        Refusal refusal) {

    public static final String SHREDDED = "[shredded]";

    /** A piece of a sentence: plain text, or a marker for erased data. */
    public record Part(String text, boolean shredded) {
    }

    public record Field(String name, String value, boolean shredded) {
    }

    /** Why the User Enrollment policy refused a command: the rule, in words, and where the rule comes from. */
    public record Refusal(String requestType, String rule, String reason, String source) {
    }

    public static TimelineEntry of(HistoryEntryView view, ObjectMapper json) {
        JsonNode payload = read(view.payload(), json);
        List<Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("enrollmentRef")) {
                continue; // the page is about that enrollment already
            }
            String value = field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString();
            fields.add(new Field(field.getKey(), value, SHREDDED.equals(value)));
        }
        Refusal refusal = "MdmCommandRefused".equals(view.eventType())
                ? new Refusal(text(payload, "requestType"), text(payload, "rule"), text(payload, "reason"),
                        text(payload, "source"))
                : null;
        return new TimelineEntry(view.eventId(), view.sequenceNumber(), view.eventType(), kind(view.eventType()), view.occurredAt(),
                view.actor(), parts(view.summary()), fields, refusal);
    }

    /** The element id of an event on the device page, the target of links from reports. */
    public static String anchor(String eventId) {
        return "event-" + eventId;
    }

    public String anchor() {
        return anchor(eventId);
    }

    /** Splits a sentence around every {@value #SHREDDED}, so each erased value can be marked on its own. */
    public static List<Part> parts(String summary) {
        List<Part> parts = new ArrayList<>();
        String rest = summary == null ? "" : summary;
        int at;
        while ((at = rest.indexOf(SHREDDED)) >= 0) {
            if (at > 0) {
                parts.add(new Part(rest.substring(0, at), false));
            }
            parts.add(new Part(SHREDDED, true));
            rest = rest.substring(at + SHREDDED.length());
        }
        if (!rest.isEmpty()) {
            parts.add(new Part(rest, false));
        }
        return parts;
    }

    /** A coarse grouping for the timeline's markers: enrollment, command, refusal, unenrollment, other. */
    static String kind(String eventType) {
        if (eventType.equals("MdmCommandRefused") || eventType.endsWith("Refused") || eventType.endsWith("Failed")
                || eventType.equals("PushRejected")) {
            return "refusal";
        }
        if (eventType.startsWith("MdmCommand") || eventType.startsWith("Profile") || eventType.startsWith("ManagedApp")) {
            return "command";
        }
        if (eventType.startsWith("Unenrollment") || eventType.equals("DeviceCheckedOut")
                || eventType.equals("EnrollmentClosed") || eventType.startsWith("ManagedData")) {
            return "unenrollment";
        }
        return "enrollment";
    }

    private static JsonNode read(String payload, ObjectMapper json) {
        try {
            return payload == null ? json.createObjectNode() : json.readTree(payload);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode payload, String name) {
        JsonNode node = payload.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
