package io.ueledger.ops.idp;

import io.ueledger.command.organisation.OrganisationProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * The one OAuth client the enrollment sign-in registers at the built-in provider: a public client
 * (OAuth 2.1) whose authorization codes are bound to the sign-in that asked for them by PKCE. Both
 * ends live in this process, so a client secret would add nothing but a second bcrypt check per
 * enrollment at the token endpoint; the person's own password keeps its full hash strength.
 *
 * <p>The relying party reaches the provider's token and key endpoints over loopback on the port the
 * server actually listens on, known only once the web server has started; hence the lookups are
 * made per request rather than at start-up.
 */
public class BuiltInClient {

    public static final String REGISTRATION_ID = "builtin";
    static final String CALLBACK_PATH = "/login/oauth2/code/" + REGISTRATION_ID;

    private final String clientId;
    private final OrganisationProperties organisation;
    private final Environment environment;

    BuiltInClient(String clientId, OrganisationProperties organisation, Environment environment) {
        this.clientId = clientId;
        this.organisation = organisation;
        this.environment = environment;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * {@code http://127.0.0.1:<port>}: the provider as this process reaches itself; {@code https} when the
     * server itself terminates TLS ({@code server.ssl.enabled}), whose port then speaks nothing else.
     */
    public String loopbackBase() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String scheme = environment.getProperty("server.ssl.enabled", Boolean.class, false) ? "https" : "http";
        return scheme + "://127.0.0.1:" + port;
    }

    /**
     * Where the provider may send the browser back: the public base URL, and the loopback address of
     * the running port. Spring Authorization Server refuses the host name {@code localhost} in
     * redirect URIs (OAuth 2.1), so a localhost base URL is registered as 127.0.0.1.
     */
    public List<String> redirectUris() {
        return redirectUris(CALLBACK_PATH);
    }

    /** The same, for another callback path of this process (the web console's). */
    List<String> redirectUris(String callbackPath) {
        List<String> uris = new ArrayList<>();
        URI base = organisation.publicBaseUrl();
        String publicBase = "localhost".equalsIgnoreCase(base.getHost())
                ? organisation.url("").replaceFirst("(?i)//localhost", "//127.0.0.1")
                : organisation.url("");
        uris.add(publicBase + callbackPath);
        String loopback = loopbackBase() + callbackPath;
        if (!uris.contains(loopback)) {
            uris.add(loopback);
        }
        return uris;
    }
}
