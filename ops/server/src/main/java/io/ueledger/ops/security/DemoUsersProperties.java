package io.ueledger.ops.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * People who may use the admin and compliance APIs in the embedded default. In production, set
 * {@code ueledger.security.users} to an empty list and sign in through your identity provider.
 */
@ConfigurationProperties("ueledger.security")
public record DemoUsersProperties(List<User> users) {

    public DemoUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** A user with a plain or {bcrypt}-prefixed password and roles such as ADMIN or COMPLIANCE. */
    public record User(String username, String password, List<String> roles) {
    }
}
