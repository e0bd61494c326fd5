package io.ueledger.ops.idp;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The web console's own OAuth client at the built-in provider. A client of its own (not the
 * enrollment sign-in's) so that staff sign-in and device-owner sign-in never share a callback,
 * and the device flow stays exactly as it is. Its secret is random per start, like the other.
 */
public class BuiltInConsoleClient {

    public static final String REGISTRATION_ID = "console";
    /** Under /console so that the console's filter chain, not the enrollment sign-in's, takes the callback. */
    public static final String CALLBACK_PATH = "/console/login/oauth2/code/" + REGISTRATION_ID;

    private final String clientId;
    private final String clientSecret;
    private final BuiltInClient deviceClient;

    BuiltInConsoleClient(String clientId, BuiltInClient deviceClient) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.clientId = clientId;
        this.clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        this.deviceClient = deviceClient;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String loopbackBase() {
        return deviceClient.loopbackBase();
    }

    public List<String> redirectUris() {
        return deviceClient.redirectUris(CALLBACK_PATH);
    }
}
