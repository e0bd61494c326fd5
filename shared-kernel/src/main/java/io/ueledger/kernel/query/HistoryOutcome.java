package io.ueledger.kernel.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How something the history records turned out, as the event types that say so: a person asks
 * "what was refused?" without knowing which events carry a refusal.
 */
public enum HistoryOutcome {
    /** The policy or the server said no: an MDM command refused, a check-in message refused, APNs refusing a push. */
    REFUSED("MdmCommandRefused", "CheckInMessageRefused", "PushRejected", "UserAuthenticationFailed"),
    /** The device answered Error or CommandFormatError. */
    FAILED("MdmCommandFailed"),
    /** The device carried the command out. */
    ACKNOWLEDGED("MdmCommandAcknowledged"),
    /** The device answered NotNow. */
    DEFERRED("MdmCommandDeferred");

    private final List<String> eventTypes;

    HistoryOutcome(String... eventTypes) {
        this.eventTypes = List.of(eventTypes);
    }

    public List<String> eventTypes() {
        return eventTypes;
    }

    /** @throws IllegalArgumentException naming the outcomes there are */
    public static HistoryOutcome parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown outcome '" + text + "' (expected one of "
                    + Arrays.stream(values()).map(o -> o.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")) + ")");
        }
    }
}
