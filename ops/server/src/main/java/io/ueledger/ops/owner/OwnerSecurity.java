package io.ueledger.ops.owner;

import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The device owners' own view ({@code /my}): owners sign in through OpenID Connect at the same
 * identity provider as at enrollment (client registration {@value #REGISTRATION_ID}, derived from
 * the enrollment sign-in's), with their Managed Apple Account. Fourth in order, after the console.
 *
 * <p>Whoever signs in here is only ever a device owner: every authority the IdP grants (the staff
 * roles of an admin, say) is dropped and replaced by {@value #OWNER_ROLE}, so an admin signing in
 * here sees their own devices and nothing else. Which enrollments that is, the pages decide from
 * the signed-in address ({@link OwnerPages}). The session keys are the view's own, so a console
 * sign-in in the same browser never counts here, nor the other way round.
 */
@Configuration(proxyBeanMethods = false)
public class OwnerSecurity {

    public static final String REGISTRATION_ID = "owner";
    public static final String CALLBACK_PATH = "/my/login/oauth2/code/" + REGISTRATION_ID;
    static final String OWNER_ROLE = "ROLE_DEVICE_OWNER";
    static final String SECURITY_CONTEXT_KEY = "UELEDGER_OWNER_SECURITY_CONTEXT";
    static final String SAVED_REQUEST_KEY = "UELEDGER_OWNER_SAVED_REQUEST";
    static final String AUTHORIZATION_BASE = "/my/oauth2/authorization";
    private static final Logger log = LoggerFactory.getLogger(OwnerSecurity.class);

    @Bean
    @Order(4)
    SecurityFilterChain ownerSecurityChain(HttpSecurity http, ClientRegistrationRepository registrations)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SECURITY_CONTEXT_KEY);
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setSessionAttrName(SAVED_REQUEST_KEY);

        http.securityMatcher("/my", "/my/**")
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/my/assets/**", "/my/signed-out", "/my/verifying").permitAll()
                        .anyRequest().hasAuthority(OWNER_ROLE))
                .oauth2Login(login -> login
                        .loginPage(AUTHORIZATION_BASE + "/" + REGISTRATION_ID)
                        .authorizationEndpoint(endpoint -> endpoint.baseUri(AUTHORIZATION_BASE)
                                .authorizationRequestResolver(withPkce))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/my/login/oauth2/code/*"))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(onlyOwner()))
                        .failureHandler((request, response, exception) -> {
                            log.info("Owner view sign-in failed: {}", exception.getMessage());
                            response.sendRedirect(request.getContextPath() + "/my/signed-out?failed");
                        })
                        .defaultSuccessUrl("/my", false))
                .logout(logout -> logout.logoutUrl("/my/sign-out").logoutSuccessUrl("/my/signed-out"))
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(requestCache));
        return http.build();
    }

    /** Whatever the IdP said about roles, here everyone is a device owner and nothing more. */
    static GrantedAuthoritiesMapper onlyOwner() {
        return authorities -> Set.of(new SimpleGrantedAuthority(OWNER_ROLE));
    }
}
