package io.ueledger.command.acme;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
    private static final int MAX_RESPONSE = 8192;

    private final AcmeProperties properties;

    public Http01Validator(AcmeProperties properties) {
        this.properties = properties;
    }

    /** @return empty when the key authorization was served, else why not */
    public Optional<String> validate(String identifier, String token, String keyAuthorization) {
        String address = properties.http01().validationAddress() != null
                ? properties.http01().validationAddress() : identifier;
        URI uri;
        InetAddress host;
        try {
            uri = URI.create("http://" + address + "/.well-known/acme-challenge/" + token);
            host = InetAddress.getByName(uri.getHost());
            if (host.isLinkLocalAddress() || host.isAnyLocalAddress() || host.isMulticastAddress()
                    || (host.isLoopbackAddress() && !properties.http01().allowLoopback())) {
                return Optional.of("the validation address " + host.getHostAddress() + " may not be reached");
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.of("the validation address " + address + " does not resolve: " + e.getMessage());
        }
        try (Socket socket = new Socket()) {
            // A plain HTTP/1.1 GET over a socket: RFC 8555 wants the identifier as Host while the connection
            // goes to the validation address, and the JDK's HTTP client does not let a caller set Host.
            // to the address checked above, not a second look-up that could answer otherwise
            socket.connect(new InetSocketAddress(host, uri.getPort() == -1 ? 80 : uri.getPort()),
                    (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + identifier
                    + "\r\nUser-Agent: ue-ledger-acme\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readNBytes(MAX_RESPONSE), StandardCharsets.US_ASCII);
            int headerEnd = response.indexOf("\r\n\r\n");
            String statusLine = response.lines().findFirst().orElse("");
            if (headerEnd < 0 || !statusLine.matches("HTTP/1\\.[01] 200( .*)?")) {
                return Optional.of(uri + " answered '" + statusLine + "'");
            }
            String served = response.substring(headerEnd + 4).trim();
            return served.equals(keyAuthorization) ? Optional.empty()
                    : Optional.of(uri + " served another key authorization");
        } catch (java.io.IOException e) {
            return Optional.of("could not fetch " + uri + ": " + e.getMessage());
        }
    }
}
