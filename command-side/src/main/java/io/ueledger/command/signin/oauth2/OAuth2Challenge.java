package io.ueledger.command.signin.oauth2;

import io.ueledger.kernel.enrollment.AuthMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code WWW-Authenticate} value of the 401 that asks the device to sign its user in with
 * Apple's OAuth 2 method (SPEC.md section 4.2): all six parameters, quoted, comma separated, in
 * Apple's order.
 */
public final class OAuth2Challenge {

    /** Apple requires the {@code apple-remotemanagement-user-login} scheme and a path. */
    public static final String REDIRECT_URL = "apple-remotemanagement-user-login:/oauth2/redirection";

    private OAuth2Challenge() {
    }

    public static String header(String authorizationUrl, String tokenUrl, String clientId, String scope) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("method", AuthMethod.APPLE_OAUTH2.wireName());
        parameters.put("authorization-url", authorizationUrl);
        parameters.put("token-url", tokenUrl);
        parameters.put("redirect-url", REDIRECT_URL);
        parameters.put("client-id", clientId);
        parameters.put("scope", scope);
        return "Bearer " + parameters.entrySet().stream()
                .map(p -> p.getKey() + "=\"" + quotable(p.getKey(), p.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    /**
     * A quoted-string cannot hold a quote, a backslash or a line break without escapes the device may
     * not undo; none of our values needs them, so one that has them is a configuration mistake.
     */
    private static String quotable(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the apple-oauth2 challenge needs a " + name);
        }
        if (value.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the " + name + " of the apple-oauth2 challenge must not contain "
                    + "quotes, backslashes or control characters: " + value);
        }
        return value;
    }
}
