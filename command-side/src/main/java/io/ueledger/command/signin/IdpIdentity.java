package io.ueledger.command.signin;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who the identity provider says signed in, in the claims every OIDC provider we support can
 * give: {@code email}, or Entra's {@code preferred_username} / {@code upn}.
 *
 * @param identityProvider the client registration id (builtin, entra, google, okta, keycloak …)
 * @param subject          the provider's stable {@code sub}
 */
public record IdpIdentity(String identityProvider, String subject, String email, String preferredUsername,
        String upn, String name) {

    /** The first claim that looks like an address, lower-cased, as the account directory keys it. */
    public Optional<String> accountAddress() {
        return Stream.of(email, preferredUsername, upn)
                .filter(value -> value != null && value.contains("@"))
                .map(value -> value.trim().toLowerCase(Locale.ROOT))
                .findFirst();
    }
}
