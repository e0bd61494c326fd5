package io.ueledger.command.push;

import java.time.Instant;
import java.util.Set;

/** How APNs answered one push. */
public sealed interface PushResult {

    /** APNs took the push; it will reach the device when it is online. */
    record Accepted(String apnsId) implements PushResult {
    }

    /**
     * APNs refused the push with one of its reason strings ({@code Unregistered}, {@code BadDeviceToken}, …).
     *
     * @param tokenInvalidAt for {@code Unregistered}: since when the token is no longer valid, else null
     */
    record Rejected(String reason, Instant tokenInvalidAt) implements PushResult {

        /** Reasons that are about the device token and so belong in the enrollment's history. */
        private static final Set<String> ABOUT_THE_DEVICE = Set.of("Unregistered", "BadDeviceToken",
                "DeviceTokenNotForTopic");

        /**
         * True when the device (its token) is the cause. Other reasons (throttling, a bad certificate
         * or topic, APNs outages) are the server's or Apple's problem and are logged, not recorded.
         */
        public boolean concernsTheDevice() {
            return ABOUT_THE_DEVICE.contains(reason);
        }
    }

    /** The push could not be handed to APNs at all (connection, TLS, timeout). */
    record Failed(String message) implements PushResult {
    }

    /** Nothing was sent because no MDM push certificate is configured. */
    record Skipped() implements PushResult {
    }
}
