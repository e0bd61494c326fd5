package io.ueledger.ops.security;

import io.ueledger.ops.passwords.PasswordChecks;
import static io.ueledger.kernel.staff.StaffRoles.ADMIN;
import static io.ueledger.kernel.staff.StaffRoles.COMPLIANCE;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Device-facing MDM endpoints authenticate devices at the protocol level
 * (signed bodies, identity certificates, session tokens), so Spring Security lets them through
 * ({@code /mdm/**} in {@link DeviceEndpointsSecurity}'s lean chain, discovery and ACME here);
 * everything for people needs a signed-in user with the right role. Nothing is anonymous but
 * health and the device protocol.
 */
@Configuration
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, @Qualifier("users") UserDetailsService users,
                                           PasswordChecks passwordChecks,
                                           io.ueledger.ops.security.tokens.ApiTokens apiTokens) throws Exception {
        org.springframework.security.authentication.dao.DaoAuthenticationProvider basic =
                new org.springframework.security.authentication.dao.DaoAuthenticationProvider(users);
        basic.setPasswordEncoder(passwordChecks.guard(PasswordEncoderFactories.createDelegatingPasswordEncoder()));
        // Named explicitly: the built-in identity provider has device owners of its own, and admins
        // and compliance officers must never be confused with them.
        // Scripts: Authorization: Bearer uel_... (see ApiTokens), checked before any password.
        http.addFilterBefore(new io.ueledger.ops.security.tokens.ApiTokenAuthenticationFilter(apiTokens),
                        org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .authenticationProvider(basic)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        // the device protocol (/mdm/**) has a lean chain of its own: DeviceEndpointsSecurity
                        .requestMatchers("/.well-known/**", "/acme/**").permitAll()
                        // error pages must show the real status of a refused device request
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        // The API description names every admin endpoint: for the people who may call them, not for anyone.
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").hasAnyRole(ADMIN, COMPLIANCE)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ADMIN, COMPLIANCE)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // Devices carry no browser credentials. Scripts send credentials with every request and no
                // Origin: they need no CSRF token. A browser, though, re-sends cached Basic credentials on its
                // own, so a cross-site request to the API (Origin or Sec-Fetch-Site says so) gets the CSRF
                // check, which it cannot pass; same-origin use (Swagger UI on this server) still works.
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfig::scriptOrSameOriginApiCall)
                        .ignoringRequestMatchers("/.well-known/**", "/acme/**"));
        return http.build();
    }

    /**
     * Bounds and records every password check of the server (see {@link PasswordChecks}); each lock-out is
     * an event in the event store (and so a leaf of the ledger).
     */
    @Bean
    public PasswordChecks passwordChecks(org.axonframework.eventhandling.gateway.EventGateway events) {
        return new PasswordChecks(java.time.Clock.systemUTC(), events::publish);
    }

    @Bean
    public UserDetailsService users(DemoUsersProperties properties, org.springframework.core.env.Environment environment,
                                    io.ueledger.ops.idp.BuiltInIdpProperties idp) {
        refuseExposedDemoCredentials(properties, environment, idp);
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = properties.users().stream()
                .map(u -> User.withUsername(u.username())
                        .password(u.password().startsWith("{") ? u.password() : encoder.encode(u.password()))
                        .roles(u.roles().toArray(String[]::new))
                        .build())
                .toList();
        if (!users.isEmpty()) {
            log.warn("Signing in with {} configured local user(s): {}. Replace them before production.",
                    users.size(), users.stream().map(UserDetails::getUsername).toList());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** Start-up check: demo credentials only in demo mode, and demo mode only on loopback with the embedded database. */
    private static void refuseExposedDemoCredentials(DemoUsersProperties properties,
                                                     org.springframework.core.env.Environment environment,
                                                     io.ueledger.ops.idp.BuiltInIdpProperties idp) {
        List<String> demo = new java.util.ArrayList<>();
        properties.users().stream().filter(u -> DemoCredentialsGuard.SHIPPED_PASSWORDS.contains(u.password()))
                .forEach(u -> demo.add(u.username() + "/" + u.password()));
        if (idp.enabled()) {
            idp.users().stream().filter(u -> DemoCredentialsGuard.SHIPPED_PASSWORDS.contains(u.password()))
                    .forEach(u -> demo.add(u.email() + "/" + u.password()));
        }
        String refusal = DemoCredentialsGuard.refusal(
                environment.getProperty("ueledger.demo-mode", Boolean.class, false),
                environment.getProperty("spring.datasource.url"),
                environment.getProperty("ueledger.organisation.public-base-url"), demo);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        if (!demo.isEmpty()) {
            log.warn("Demo mode: the shipped demo credentials {} work on this server (loopback only, embedded"
                    + " database). Turn demo mode off before anyone else can reach it.", demo);
        }
    }

    static boolean scriptOrSameOriginApiCall(jakarta.servlet.http.HttpServletRequest request) {
        if (!request.getRequestURI().startsWith("/api/")) {
            return false;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        return origin == null || origin.equalsIgnoreCase(request.getScheme() + "://" + request.getHeader("Host"));
    }
}
