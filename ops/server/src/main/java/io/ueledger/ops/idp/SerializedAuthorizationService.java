package io.ueledger.ops.idp;

import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The built-in provider's authorizations, in memory, one caller at a time. Spring Authorization
 * Server's in-memory service is not safe for concurrent sign-ins (its bounded map of initialised
 * authorizations threw ConcurrentModificationException under the simulator's load,
 * spring-authorization-server#766); the built-in provider is for trying things out and single-node,
 * so serialising these sub-millisecond map operations is the simple, correct fix.
 */
final class SerializedAuthorizationService implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        delegate.save(authorization);
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }
}
