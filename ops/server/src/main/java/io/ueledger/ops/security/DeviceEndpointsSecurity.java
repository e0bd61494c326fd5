package io.ueledger.ops.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The device protocol ({@code /mdm/**}: enrollment, SCEP, check-in, command channel, the device's token
 * endpoint) in a filter chain of its own, first in order. A device is authenticated by the protocol
 * itself (the Mdm-Signature over its body, its identity certificate, its session token), never by a
 * Spring Security login, and it carries no cookies, session or browser credentials. So this chain is the
 * API chain's answer for these paths (everything permitted, no CSRF) without the API's filters that
 * can never apply to a device: API token and HTTP Basic authentication, the session's security context,
 * saved requests, anonymous user, logout, the authorisation check and its exception translation. Each of
 * those is one more filter with its own observation on every device request, the hottest path of the
 * server.
 *
 * <p>What the device path needs stays where it is: request size limits and the database-unavailable answer
 * are servlet filters outside Spring Security (they run for every chain), the forwarded client certificate
 * is read by {@code DeviceRequestAuthenticator}. The security headers of the API chain (no-store caching,
 * nosniff, frame options, HSTS over TLS) are kept, so responses look the same as before.
 */
@Configuration(proxyBeanMethods = false)
public class DeviceEndpointsSecurity {

    /** The device protocol's paths (see SPEC.md): all under one prefix. */
    public static final String DEVICE_PATHS = "/mdm/**";

    @Bean
    @Order(0)
    SecurityFilterChain deviceEndpointsSecurityChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(DEVICE_PATHS))
                // no authorizeHttpRequests: every device request is permitted here, as in the API chain
                .csrf(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
