package io.ueledger.command.signin.oauth2;

import java.security.SecureRandom;
import java.util.Base64;

/** 256 random bits, base64url: the authorization codes and refresh tokens, opaque to the device. */
final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    static String next() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
