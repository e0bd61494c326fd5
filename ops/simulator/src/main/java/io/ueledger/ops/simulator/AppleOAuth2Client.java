package io.ueledger.ops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the device does for Apple's OAuth 2 method (SPEC.md section 4.2), as a public client without
 * PKCE (Apple does not mention it): the authorization request with {@code state} and
 * {@code login_hint} in its web session, the consent page and the identity provider's login form, the
 * 308 to its custom-scheme redirect URL, then the code exchange and refreshes at the token URL.
 */
public final class AppleOAuth2Client {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BearerChallenge challenge;
    private final HttpClient http;

    public AppleOAuth2Client(BearerChallenge challenge, HttpClient http) {
        if (!"apple-oauth2".equals(challenge.method())) {
            throw new SimulationFailure("not an apple-oauth2 challenge: " + challenge);
        }
        this.challenge = challenge;
        this.http = http;
    }

    /** The authorization request URL the device opens: the server's query kept, the device's parameters added. */
    public String authorizationRequest(String state, String loginHint) {
        String base = challenge.require("authorization-url");
        return base + (base.contains("?") ? "&" : "?") + "response_type=code&client_id="
                + encode(challenge.require("client-id")) + "&redirect_uri=" + encode(challenge.require("redirect-url"))
                + "&state=" + encode(state) + "&login_hint=" + encode(loginHint);
    }

    /** Signs the user in through the real pages and returns the tokens; fails unless the state comes back. */
    public Tokens signIn(String userIdentifier, String password) {
        String state = UUID.randomUUID().toString();
        Browser browser = new Browser();
        HttpResponse<String> explained = browser.get(authorizationRequest(state, userIdentifier));
        HttpResponse<String> login = browser.follow(browser.submit(explained, "/enroll/login/continue", Map.of()));
        HttpResponse<String> last = browser.follow(browser.submit(login, "/idp/login",
                Map.of("username", userIdentifier, "password", password)));
        Map<String, String> redirect = redirectParameters(last);
        if (!state.equals(redirect.get("state"))) {
            throw new SimulationFailure("the authorization response did not echo the state: " + redirect);
        }
        if (redirect.get("code") == null) {
            throw new SimulationFailure("the authorization response carries no code: " + redirect);
        }
        HttpResponse<String> response = token(Map.of("grant_type", "authorization_code", "code", redirect.get("code"),
                "redirect_uri", challenge.require("redirect-url"), "client_id", challenge.require("client-id")));
        return tokens(response, null);
    }

    /** A silent refresh: a new access token, the refresh token kept unless the server sends another. */
    public Tokens refresh(Tokens current) {
        return tokens(token(Map.of("grant_type", "refresh_token", "refresh_token", current.refreshToken(),
                "client_id", challenge.require("client-id"))), current.refreshToken());
    }

    /**
     * The query of the 308 that ends the web session at the custom-scheme redirect URL.
     *
     * @throws SimulationFailure when the session ended anywhere else (a refusal page, say)
     */
    public Map<String, String> redirectParameters(HttpResponse<String> last) {
        String location = last.headers().firstValue("Location").orElse("");
        String redirectUrl = challenge.require("redirect-url");
        if (last.statusCode() != 308 || !location.startsWith(redirectUrl + "?")) {
            throw new SimulationFailure("sign-in did not end with a 308 to " + redirectUrl + " (status "
                    + last.statusCode() + ", Location " + location + "): " + Browser.html(last).text());
        }
        return query(location.substring(redirectUrl.length() + 1));
    }

    /** A token request as the device sends it, form-encoded. */
    public HttpResponse<String> token(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(encode(name)).append('=')
                .append(encode(value)));
        try {
            return http.send(HttpRequest.newBuilder(URI.create(challenge.require("token-url")))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SimulationFailure("token request failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationFailure("interrupted");
        }
    }

    private static Tokens tokens(HttpResponse<String> response, String previousRefreshToken) {
        if (response.statusCode() != 200) {
            throw new SimulationFailure("token request answered " + response.statusCode() + ": " + response.body());
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            if (!"Bearer".equalsIgnoreCase(json.path("token_type").asText()) || !json.hasNonNull("access_token")) {
                throw new SimulationFailure("not a Bearer token response: " + response.body());
            }
            return new Tokens(json.get("access_token").asText(),
                    json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : previousRefreshToken,
                    json.path("expires_in").asLong(), json.path("scope").asText(null));
        } catch (IOException e) {
            throw new SimulationFailure("token response is not JSON: " + response.body());
        }
    }

    static Map<String, String> query(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** @param accessToken the session token the device sends as Bearer; never log it */
    public record Tokens(String accessToken, String refreshToken, long expiresIn, String scope) {

        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + ", scope=" + scope + "]";
        }
    }
}
