package io.ueledger.command.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way push credentials are hashed for events (lower-case hex SHA-256), shared by the
 * TokenUpdate check-in (which stores the real values with {@link PushCredentials#save} and sends
 * {@code UpdatePushToken} with these hashes) and the push sender (which reports rejections by hash).
 */
public final class PushCredentialHashes {

    private PushCredentialHashes() {
    }

    /** SHA-256 of the raw device token bytes (the {@code Token} data of TokenUpdate). */
    public static String ofToken(byte[] deviceToken) {
        return sha256Hex(deviceToken);
    }

    /** SHA-256 of the UTF-8 bytes of the {@code PushMagic} string. */
    public static String ofPushMagic(String pushMagic) {
        return sha256Hex(pushMagic.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
