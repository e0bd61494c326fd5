package io.ueledger.command.checkin;

import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.UpdatePushToken;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Turns a TokenUpdate into the command the ledger records: the APNs token and PushMagic are kept
 * out of events, which carry only their SHA-256 hashes.
 */
@Component
public class PushCredentialsRecorder {

    public UpdatePushToken record(String enrollmentRef, String enrollmentId, Channel channel, String topic,
                                  byte[] token, String pushMagic, Instant at) {
        return new UpdatePushToken(enrollmentRef, enrollmentId, channel, topic, sha256(token),
                sha256(pushMagic.getBytes(java.nio.charset.StandardCharsets.UTF_8)), at);
    }

    static String sha256(byte[] value) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
