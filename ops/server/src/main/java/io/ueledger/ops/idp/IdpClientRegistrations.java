package io.ueledger.ops.idp;

import java.util.Map;
import io.ueledger.ops.owner.OwnerSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientProperties;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientPropertiesMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The identity providers the enrollment sign-in can use: every
 * {@code spring.security.oauth2.client.registration.*} of the configuration (Entra ID, Google
 * Workspace, Okta, Keycloak …), plus the built-in provider when it is on. Which one device owners
 * use is {@code ueledger.idp.registration-id}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
public class IdpClientRegistrations {

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties,
            ObjectProvider<BuiltInClient> builtIn, ObjectProvider<BuiltInConsoleClient> builtInConsole,
            @Value("${ueledger.idp.registration-id:" + BuiltInClient.REGISTRATION_ID + "}") String registrationId) {
        Map<String, ClientRegistration> configured = new OAuth2ClientPropertiesMapper(properties).asClientRegistrations();
        BuiltInClient client = builtIn.getIfAvailable();
        if (!configured.containsKey(registrationId)
                && !(client != null && BuiltInClient.REGISTRATION_ID.equals(registrationId))) {
            throw new IllegalStateException("ueledger.idp.registration-id is '" + registrationId + "', but there is no "
                    + "spring.security.oauth2.client.registration." + registrationId
                    + (client == null ? " and the built-in provider is off (ueledger.idp.builtin.enabled=false)" : ""));
        }
        BuiltInConsoleClient consoleClient = builtInConsole.getIfAvailable();
        return id -> {
            if (OwnerSecurity.REGISTRATION_ID.equals(id) && !configured.containsKey(id)) {
                // Device owners read their own view as they signed in at enrollment: the same provider and
                // client, with a callback of the view's own. Built per lookup, as the built-in one's loopback
                // endpoints depend on the running port. A configured "owner" registration wins.
                ClientRegistration enrollment = configured.containsKey(registrationId)
                        ? configured.get(registrationId) : builtInRegistration(client);
                return ClientRegistration.withClientRegistration(enrollment)
                        .registrationId(OwnerSecurity.REGISTRATION_ID).clientName("Device owner sign-in")
                        .redirectUri("{baseUrl}" + OwnerSecurity.CALLBACK_PATH).build();
            }
            // the web console's staff sign-in: a configured "console" registration wins over the built-in one
            if (consoleClient != null && BuiltInConsoleClient.REGISTRATION_ID.equals(id) && !configured.containsKey(id)) {
                return consoleRegistration(consoleClient);
            }
            if (client != null && BuiltInClient.REGISTRATION_ID.equals(id) && !configured.containsKey(id)) {
                return builtInRegistration(client);
            }
            return configured.get(id);
        };
    }

    /** The console's client at the built-in provider; endpoints as for the enrollment sign-in. */
    private static ClientRegistration consoleRegistration(BuiltInConsoleClient client) {
        String loopback = client.loopbackBase();
        return ClientRegistration.withRegistrationId(BuiltInConsoleClient.REGISTRATION_ID)
                .clientName("Console sign-in")
                .clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}" + BuiltInConsoleClient.CALLBACK_PATH)
                .scope("openid", "email", "profile")
                .authorizationUri("/oauth2/authorize")
                .tokenUri(loopback + "/oauth2/token")
                .jwkSetUri(loopback + "/oauth2/jwks")
                .issuerUri(loopback)
                .userNameAttributeName("email")
                .build();
    }

    /**
     * Explicit endpoints, no issuer discovery at start-up. The browser goes to the authorization
     * endpoint relative to the host it is already on (so its session cookie follows); the server
     * fetches tokens and keys over loopback.
     */
    private static ClientRegistration builtInRegistration(BuiltInClient client) {
        String loopback = client.loopbackBase();
        return ClientRegistration.withRegistrationId(BuiltInClient.REGISTRATION_ID)
                .clientName("Built-in sign-in")
                .clientId(client.clientId())
                // a public client: the code is bound to the sign-in by PKCE, so no secret is checked per enrollment
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}" + BuiltInClient.CALLBACK_PATH)
                .scope("openid", "email", "profile")
                .authorizationUri("/oauth2/authorize")
                .tokenUri(loopback + "/oauth2/token")
                .jwkSetUri(loopback + "/oauth2/jwks")
                .issuerUri(loopback)
                .userNameAttributeName("sub")
                .build();
    }
}
