package io.ueledger.ops.console.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the web console learns a staff member's role from the identity provider's ID token.
 *
 * @param rolesClaim       the claim holding roles or groups: {@code roles} at the built-in provider; for
 *                         Entra ID app roles {@code roles}, Okta and Keycloak usually {@code groups}
 * @param adminValues      claim values that make someone an admin (e.g. an Entra app role or a group name)
 * @param complianceValues claim values that make someone a compliance officer
 */
@ConfigurationProperties("ueledger.console")
public record ConsoleProperties(
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("ADMIN") List<String> adminValues,
        @DefaultValue("COMPLIANCE") List<String> complianceValues) {
}
