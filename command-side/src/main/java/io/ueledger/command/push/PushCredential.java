package io.ueledger.command.push;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What APNs needs to wake one channel of an enrollment: the device token, the PushMagic to put in
 * the payload and the topic of the enrollment profile. Secret-adjacent: never logged or put in events.
 */
public record PushCredential(String enrollmentRef, Channel channel, byte[] deviceToken, String pushMagic,
                             String topic, Instant updatedAt) {

    public PushCredential {
        deviceToken = deviceToken.clone();
    }

    @Override
    public byte[] deviceToken() {
        return deviceToken.clone();
    }

    /** The token as APNs wants it in the request path. */
    public String deviceTokenHex() {
        return HexFormat.of().formatHex(deviceToken);
    }

    /** The hash that {@code PushTokenUpdated} and {@code PushRejected} carry instead of the token. */
    public String tokenHash() {
        return PushCredentialHashes.ofToken(deviceToken);
    }

    @Override
    public String toString() {
        return "PushCredential[" + enrollmentRef + ", " + channel + ", topic " + topic + ", token " + tokenHash() + "]";
    }
}
