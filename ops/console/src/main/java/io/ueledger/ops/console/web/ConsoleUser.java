package io.ueledger.ops.console.web;

import io.ueledger.kernel.staff.StaffRoles;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Who is signed in to the console, as the pages show it and the ledger records it. */
public record ConsoleUser(String name, String id, boolean admin, boolean compliance) {

    public static ConsoleUser of(Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        String id = authentication.getName();
        String name = authentication.getPrincipal() instanceof OidcUser oidc && oidc.getFullName() != null
                ? oidc.getFullName() : id;
        boolean admin = has(authentication, StaffRoles.ADMIN);
        boolean compliance = has(authentication, StaffRoles.COMPLIANCE);
        return new ConsoleUser(name, id, admin, compliance);
    }

    private static boolean has(Authentication authentication, String role) {
        return authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
