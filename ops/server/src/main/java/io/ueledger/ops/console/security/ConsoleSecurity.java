package io.ueledger.ops.console.security;

import io.ueledger.kernel.staff.StaffRoles;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The web console's filter chain: staff sign in through OpenID Connect (client registration
 * {@code console}), the ID token's roles claim becomes ADMIN or COMPLIANCE, and forms carry CSRF
 * tokens. Third in order, after the built-in provider and the enrollment sign-in.
 *
 * <p>Everything lives under {@code /console}, including the OAuth redirect and callback, so the
 * enrollment sign-in's chain never sees a console sign-in. The signed-in staff member and the page
 * they asked for are kept under session keys of the console's own: the built-in provider keeps its
 * user under other keys in the same session (login loops otherwise), and the HTTP Basic API chain
 * must never find a console sign-in in the session, since it does not check CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurity {

    public static final String SECURITY_CONTEXT_KEY = "UELEDGER_CONSOLE_SECURITY_CONTEXT";
    static final String SAVED_REQUEST_KEY = "UELEDGER_CONSOLE_SAVED_REQUEST";
    static final String AUTHORIZATION_BASE = "/console/oauth2/authorization";
    static final String SIGN_IN = AUTHORIZATION_BASE + "/console";
    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    @Bean
    @Order(3)
    SecurityFilterChain consoleSecurityChain(HttpSecurity http, ConsoleProperties properties,
            ClientRegistrationRepository registrations) throws Exception {
        // PKCE for every provider: the built-in one requires it, and it costs nothing elsewhere
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SECURITY_CONTEXT_KEY);
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setSessionAttrName(SAVED_REQUEST_KEY);

        http.securityMatcher("/console", "/console/**", "/webjars/**")
                .authorizeHttpRequests(auth -> auth
                        // the 403 page is shown by a forward, which is authorized again
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/webjars/**", "/console/assets/**", "/console/signed-out").permitAll()
                        .requestMatchers("/console/admin/**").hasRole(StaffRoles.ADMIN)
                        .anyRequest().hasAnyRole(StaffRoles.ADMIN, StaffRoles.COMPLIANCE))
                .oauth2Login(login -> login
                        .loginPage(SIGN_IN)
                        .authorizationEndpoint(endpoint -> endpoint.baseUri(AUTHORIZATION_BASE)
                                .authorizationRequestResolver(withPkce))
                        .failureHandler((request, response, exception) -> {
                            log.info("Console sign-in failed: {}", exception.getMessage());
                            response.sendRedirect(request.getContextPath() + "/console/signed-out?failed");
                        })
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/console/login/oauth2/code/*"))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(new ConsoleRoles(properties)))
                        .defaultSuccessUrl("/console", false))
                .logout(logout -> logout.logoutUrl("/console/sign-out").logoutSuccessUrl("/console/signed-out"))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage("/console/forbidden"))
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(requestCache));
        return http.build();
    }
}
