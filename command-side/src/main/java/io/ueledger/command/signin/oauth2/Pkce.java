package io.ueledger.command.signin.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636). Apple's documentation does not mention it, so it is
 * optional: a code issued with a challenge needs the matching verifier, and a verifier sent for a
 * code issued without a challenge is refused (a downgrade, OAuth 2.1 section 4.1.3).
 */
final class Pkce {

    static final Set<String> METHODS = Set.of("S256", "plain");
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    static boolean verifies(String codeChallenge, String method, String codeVerifier) {
        if (codeChallenge == null) {
            return codeVerifier == null;
        }
        if (codeVerifier == null || !VERIFIER.matcher(codeVerifier).matches()) {
            return false;
        }
        String expected = "plain".equals(method) ? codeVerifier : s256(codeVerifier);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                codeChallenge.getBytes(StandardCharsets.US_ASCII));
    }

    static String s256(String codeVerifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
