package io.ueledger.ops.console.security;

import io.ueledger.kernel.staff.StaffRoles;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * Turns the roles claim of a staff member's ID token into ROLE_ADMIN / ROLE_COMPLIANCE. Anyone
 * else (a device owner signing in here) gets no console role at all, hence a 403 on every page.
 * Values compare without case, since IdPs differ in how they spell groups.
 */
public class ConsoleRoles implements GrantedAuthoritiesMapper {

    private final ConsoleProperties properties;

    public ConsoleRoles(ConsoleProperties properties) {
        this.properties = properties;
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new HashSet<>();
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                mapped.addAll(fromClaims(oidc.getIdToken().getClaims()));
            }
        }
        return mapped;
    }

    Set<GrantedAuthority> fromClaims(Map<String, Object> claims) {
        Set<String> values = new HashSet<>();
        Object claim = claims.get(properties.rolesClaim());
        if (claim instanceof Collection<?> list) {
            list.forEach(v -> values.add(normal(v)));
        } else if (claim instanceof String single) {
            // some IdPs send one role as a plain string, or a space-separated list
            for (String part : single.split("[\\s,]+")) {
                values.add(normal(part));
            }
        }
        Set<GrantedAuthority> roles = new HashSet<>();
        if (matches(values, properties.adminValues())) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + StaffRoles.ADMIN));
        }
        if (matches(values, properties.complianceValues())) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + StaffRoles.COMPLIANCE));
        }
        return roles;
    }

    private static boolean matches(Set<String> values, List<String> wanted) {
        return wanted.stream().map(ConsoleRoles::normal).anyMatch(values::contains);
    }

    private static String normal(Object value) {
        return String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    }
}
