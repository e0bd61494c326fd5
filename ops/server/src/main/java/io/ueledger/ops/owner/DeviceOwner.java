package io.ueledger.ops.owner;

import io.ueledger.command.signin.IdpIdentity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The device owner signed in to their own view: the Managed Apple Account address their identity
 * provider vouches for, read from the same claims as at enrollment ({@link IdpIdentity}), and the
 * name to greet them with. Null address: the provider gave nothing that looks like an account.
 */
public record DeviceOwner(String address, String name) {

    static DeviceOwner of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser oidc)) {
            return null;
        }
        IdpIdentity identity = new IdpIdentity(OwnerSecurity.REGISTRATION_ID, oidc.getSubject(), oidc.getEmail(),
                oidc.getPreferredUsername(), oidc.getClaimAsString("upn"), oidc.getFullName());
        String address = identity.accountAddress().orElse(null);
        return new DeviceOwner(address, oidc.getFullName() != null ? oidc.getFullName() : address);
    }
}
