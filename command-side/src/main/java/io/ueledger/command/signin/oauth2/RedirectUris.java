package io.ueledger.command.signin.oauth2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Adds the authorization response's parameters to the device's redirect URI (RFC 6749 section 4.1.2). */
final class RedirectUris {

    private RedirectUris() {
    }

    /** Null values are left out, so a request without {@code state} gets none back. */
    static String withQuery(String redirectUri, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .filter(p -> p.getValue() != null)
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + query;
    }
}
