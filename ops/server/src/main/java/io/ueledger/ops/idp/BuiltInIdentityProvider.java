package io.ueledger.ops.idp;

import io.ueledger.ops.passwords.PasswordChecks;
import io.ueledger.command.organisation.OrganisationProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.jdbc.core.JdbcTemplate;
import io.ueledger.kernel.installation.InstallationSecrets;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The OpenID Connect provider built into the embedded default (Spring Authorization Server). It has
 * its own filter chain, first in order, covering its protocol endpoints and its login page
 * {@code /idp/login}. Its signed-in user and its saved authorization request live under session
 * keys of their own, so the enrollment sign-in (the relying party, in the same browser session)
 * can never mistake one for the other: sharing them is what makes login loops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ueledger.idp.builtin.enabled", havingValue = "true", matchIfMissing = true)
public class BuiltInIdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(BuiltInIdentityProvider.class);

    static final String LOGIN_PAGE = "/idp/login";
    static final String SAVED_REQUEST_KEY = "UELEDGER_IDP_SAVED_REQUEST";
    static final String SECURITY_CONTEXT_KEY = "UELEDGER_IDP_SECURITY_CONTEXT";

    @Bean
    BuiltInClient builtInClient(BuiltInIdpProperties properties, OrganisationProperties organisation,
            Environment environment) {
        return new BuiltInClient(properties.clientId(), organisation, environment);
    }

    @Bean
    BuiltInConsoleClient builtInConsoleClient(BuiltInIdpProperties properties, BuiltInClient deviceClient) {
        return new BuiltInConsoleClient(properties.consoleClientId(), deviceClient);
    }

    @Bean
    BuiltInIdpUsers builtInIdpUsers(BuiltInIdpProperties properties) {
        BuiltInIdpUsers users = new BuiltInIdpUsers(properties);
        log.warn("The built-in OpenID Connect provider is on with {} demo device owner(s). Set "
                + "ueledger.idp.builtin.enabled=false and configure your IdP before production.", users.size());
        return users;
    }

    @Bean
    @Order(1)
    SecurityFilterChain builtInIdpSecurity(HttpSecurity http, BuiltInIdpUsers users,
                                           io.ueledger.ops.passwords.PasswordChecks passwordChecks) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setSessionAttrName(SAVED_REQUEST_KEY);
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SECURITY_CONTEXT_KEY);

        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        // bounded concurrent hashing and per-client lock-out, as for the API's HTTP Basic
        passwords.setPasswordEncoder(passwordChecks.guard(PasswordEncoderFactories.createDelegatingPasswordEncoder()));
        // Only the provider's own users sign in here; not the admin API's users (the parent manager).
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);

        http.securityMatcher(new OrRequestMatcher(authorizationServer.getEndpointsMatcher(),
                        PathPatternRequestMatcher.withDefaults().matcher("/idp/**")))
                .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(LOGIN_PAGE)).permitAll()
                        .anyRequest().authenticated())
                .authenticationProvider(passwords)
                .formLogin(form -> form.loginPage(LOGIN_PAGE).failureUrl(LOGIN_PAGE + "?error"))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .requestCache(cache -> cache.requestCache(requestCache))
                .securityContext(context -> context.securityContextRepository(contexts));
        return http.build();
    }

    @Bean
    RegisteredClientRepository builtInClients(BuiltInClient client, BuiltInConsoleClient consoleClient) {
        return new BuiltInClientRepository(client, consoleClient);
    }

    /**
     * In PostgreSQL (Flyway V152), so a code issued by one node is redeemed at whichever node the
     * device's next request reaches; Spring's JDBC service is also safe for concurrent sign-ins.
     */
    @Bean
    OAuth2AuthorizationService builtInAuthorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    /** The provider's ID-token signing key: the installation's, so every node signs and verifies alike. */
    @Bean
    JWKSource<SecurityContext> builtInIdpSigningKey(InstallationSecrets installation) {
        return new ImmutableJWKSet<>(new JWKSet(BuiltInIdpKey.obtain(installation)));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        // No fixed issuer: it follows the request, and the relying party talks to it over loopback.
        return AuthorizationServerSettings.builder().build();
    }

    /** Puts the person's email and name into the ID token: the enrollment maps the email to an account. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> builtInIdTokenClaims(BuiltInIdpUsers users) {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                users.find(context.getPrincipal().getName()).ifPresent(user -> context.getClaims()
                        .claim("email", user.email().trim().toLowerCase(java.util.Locale.ROOT))
                        .claim("email_verified", true)
                        .claim("name", user.name() == null ? user.email() : user.name())
                        // the web console's roles; device owners have none
                        .claims(claims -> {
                            if (!user.roles().isEmpty()) {
                                claims.put("roles", user.roles());
                            }
                        }));
            }
        };
    }

    /**
     * The enrollment sign-in's client and the web console's, built per lookup because their loopback
     * redirect URIs depend on the running port.
     */
    static final class BuiltInClientRepository implements RegisteredClientRepository {

        private final BuiltInClient client;
        /** Fixed, not random: an authorization stored by one node names its client by this id for every node. */
        private final String id;
        private final BuiltInConsoleClient consoleClient;
        private final String consoleId;
        private final String consoleEncodedSecret;

        BuiltInClientRepository(BuiltInClient client, BuiltInConsoleClient consoleClient) {
            this.client = client;
            this.id = "builtin-" + client.clientId();
            this.consoleId = "builtin-" + consoleClient.clientId();
            this.consoleClient = consoleClient;
            // encoded once, in the encoder's current format, so the provider never asks to re-save it
            this.consoleEncodedSecret = PasswordEncoderFactories.createDelegatingPasswordEncoder()
                    .encode(consoleClient.clientSecret());
        }

        @Override
        public void save(RegisteredClient registeredClient) {
            throw new UnsupportedOperationException("the built-in provider has exactly one client");
        }

        @Override
        public RegisteredClient findById(String id) {
            if (consoleId.equals(id)) {
                return buildConsole();
            }
            return this.id.equals(id) ? build() : null;
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            if (consoleClient.clientId().equals(clientId)) {
                return buildConsole();
            }
            return client.clientId().equals(clientId) ? build() : null;
        }

        /** The enrollment sign-in's client: public, PKCE required, no secret to check. */
        private RegisteredClient build() {
            // the device owners' own view signs in as the same client as the enrollment (same IdP, same app)
            java.util.List<String> uris = new java.util.ArrayList<>(client.redirectUris());
            uris.addAll(client.redirectUris(io.ueledger.ops.owner.OwnerSecurity.CALLBACK_PATH));
            return build(id, client.clientId(), null, ClientAuthenticationMethod.NONE, uris);
        }

        private RegisteredClient buildConsole() {
            return build(consoleId, consoleClient.clientId(), consoleEncodedSecret,
                    ClientAuthenticationMethod.CLIENT_SECRET_BASIC, consoleClient.redirectUris());
        }

        private static RegisteredClient build(String id, String clientId, String encodedSecret,
                ClientAuthenticationMethod authentication, java.util.List<String> redirectUris) {
            return RegisteredClient.withId(id)
                    .clientId(clientId)
                    .clientSecret(encodedSecret)
                    .clientAuthenticationMethod(authentication)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUris(uris -> uris.addAll(redirectUris))
                    .scope(OidcScopes.OPENID).scope(OidcScopes.EMAIL).scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false)
                            .requireProofKey(true).build())
                    .tokenSettings(TokenSettings.builder().authorizationCodeTimeToLive(Duration.ofMinutes(2))
                            .accessTokenTimeToLive(Duration.ofMinutes(5)).build())
                    .build();
        }
    }
}
