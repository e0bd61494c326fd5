package io.ueledger.ops.idp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID Connect provider built into the embedded default, so enrollment can be tried without
 * an external IdP. Production points {@code ueledger.idp.registration-id} at a real IdP and sets
 * {@code enabled: false}.
 *
 * @param enabled  whether this server is also an OIDC provider
 * @param clientId the client id the enrollment sign-in uses against it
 * @param users    device owners who can sign in; their emails should be Managed Apple Accounts
 * @param consoleClientId the client id the web console uses against it
 */
@ConfigurationProperties("ueledger.idp.builtin")
public record BuiltInIdpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("ue-ledger-enrollment") String clientId,
        List<User> users,
        @DefaultValue("ue-ledger-console") String consoleClientId) {

    public BuiltInIdpProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * @param password plain or {bcrypt}-prefixed
     * @param roles    console roles (ADMIN, COMPLIANCE) put in the ID token's {@code roles} claim;
     *                 empty for device owners
     */
    public record User(String email, String password, String name, List<String> roles) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
