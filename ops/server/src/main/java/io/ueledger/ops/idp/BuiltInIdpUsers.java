package io.ueledger.ops.idp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The device owners of the built-in provider, by email. Deliberately not a Spring bean: a second
 * {@code UserDetailsService} bean would take the admin API's users away from HTTP Basic.
 */
class BuiltInIdpUsers implements UserDetailsService {

    private final Map<String, BuiltInIdpProperties.User> byEmail;
    private final Map<String, UserDetails> credentials;

    BuiltInIdpUsers(BuiltInIdpProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        this.byEmail = properties.users().stream()
                .collect(Collectors.toMap(u -> u.email().trim().toLowerCase(Locale.ROOT), Function.identity()));
        // Encoded once here: bcrypt is slow on purpose, and a sign-in should not pay for it twice.
        this.credentials = byEmail.values().stream().collect(Collectors.toMap(
                u -> u.email().trim().toLowerCase(Locale.ROOT),
                u -> User.withUsername(u.email().trim().toLowerCase(Locale.ROOT))
                        .password(u.password().startsWith("{") ? u.password() : encoder.encode(u.password()))
                        .roles("DEVICE_OWNER").build()));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = username == null ? null : credentials.get(username.trim().toLowerCase(Locale.ROOT));
        if (user == null) {
            throw new UsernameNotFoundException("no such user at the built-in provider");
        }
        // a copy: the authentication manager erases the password of what it is given
        return User.withUserDetails(user).build();
    }

    Optional<BuiltInIdpProperties.User> find(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(byEmail.get(email.trim().toLowerCase(Locale.ROOT)));
    }

    int size() {
        return byEmail.size();
    }
}
