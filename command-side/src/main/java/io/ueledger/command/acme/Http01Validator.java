package io.ueledger.command.acme;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The http-01 challenge (RFC 8555 section 8.3), for tests and non-Apple clients, only when
 * {@code ueledger.acme.http01.enabled}. The identifier is a ClientIdentifier token, not a host name,
 * so the validator fetches from the configured validation address. It never follows redirects and
 * never reaches loopback or link-local addresses unless a test setting allows loopback.
 */
@Component
public class Http01Validator {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BODY = 1024;

    private final AcmeProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Http01Validator(AcmeProperties properties) {
        this.properties = properties;
    }

    /** @return empty when the key authorization was served, else why not */
    public Optional<String> validate(String identifier, String token, String keyAuthorization) {
        String address = properties.http01().validationAddress() != null
                ? properties.http01().validationAddress() : identifier;
        URI uri;
        try {
            uri = URI.create("http://" + address + "/.well-known/acme-challenge/" + token);
            InetAddress host = InetAddress.getByName(uri.getHost());
            if (host.isLinkLocalAddress() || host.isAnyLocalAddress() || host.isMulticastAddress()
                    || (host.isLoopbackAddress() && !properties.http01().allowLoopback())) {
                return Optional.of("the validation address " + host.getHostAddress() + " may not be reached");
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.of("the validation address " + address + " does not resolve: " + e.getMessage());
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.of(uri + " answered " + response.statusCode());
            }
            byte[] body = response.body();
            String served = new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.US_ASCII).trim();
            return served.equals(keyAuthorization) ? Optional.empty()
                    : Optional.of(uri + " served another key authorization");
        } catch (java.io.IOException e) {
            return Optional.of("could not fetch " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while fetching " + uri);
        }
    }
}
