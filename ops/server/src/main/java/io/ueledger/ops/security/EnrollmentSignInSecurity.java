package io.ueledger.ops.security;

import io.ueledger.command.signin.SignInAttempt;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The device owner's enrollment sign-in as an OpenID Connect relying party: the sign-in pages
 * ({@code /enroll/**}), the redirect to the IdP ({@code /oauth2/authorization/**}) and its callback
 * ({@code /login/oauth2/**}). Second in order, after the built-in provider's chain.
 *
 * <p>The sign-in ends in a 308 to the device, so nothing about it needs to outlive the callback:
 * the signed-in user is kept only for the request and no request is ever saved for later. That
 * keeps this chain from touching the provider's session keys (login loops otherwise).
 */
@Configuration(proxyBeanMethods = false)
public class EnrollmentSignInSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain enrollmentSignInSecurityChain(HttpSecurity http, ClientRegistrationRepository registrations,
            SignInCompletion completion) throws Exception {
        http.securityMatcher("/enroll/**", "/login/oauth2/**", "/oauth2/authorization/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .oauth2Login(login -> login
                        .loginPage("/enroll/login")
                        .authorizationEndpoint(endpoint -> endpoint
                                .authorizationRequestResolver(loginHintResolver(registrations)))
                        .successHandler(completion)
                        .failureHandler(completion))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()));
        return http.build();
    }

    /**
     * PKCE for every provider, and {@code login_hint} = the address the device owner typed in
     * Settings, so the IdP pre-fills it (OIDC Core 3.1.2.1; Entra, Google, Okta and Keycloak honour it).
     */
    private static OAuth2AuthorizationRequestResolver loginHintResolver(ClientRegistrationRepository registrations) {
        DefaultOAuth2AuthorizationRequestResolver defaults =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        defaults.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return withHint(defaults.resolve(request), request);
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
                return withHint(defaults.resolve(request, clientRegistrationId), request);
            }
        };
    }

    private static OAuth2AuthorizationRequest withHint(OAuth2AuthorizationRequest resolved,
            HttpServletRequest request) {
        if (resolved == null) {
            return null;
        }
        String hint = SignInAttempt.current(request).map(SignInAttempt::userIdentifier).orElse(null);
        if (hint == null) {
            return resolved;
        }
        return OAuth2AuthorizationRequest.from(resolved)
                .additionalParameters(parameters -> parameters.put("login_hint", hint))
                .authorizationRequestUri(resolved.getAuthorizationRequestUri() + "&login_hint="
                        + URLEncoder.encode(hint, StandardCharsets.UTF_8))
                .build();
    }
}
