package io.ueledger.command.signin.oauth2;

import io.ueledger.command.account.AccountDirectory;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.session.SessionTokenProperties;
import io.ueledger.command.session.SessionTokens;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token URL's grants (SPEC.md section 4.2). The access token is a {@link SessionTokens} token,
 * so the BaseURL POST and {@code Authenticate} accept it exactly as they accept the web method's,
 * and every one issued is a {@code SessionTokenIssued} in the ledger.
 */
@Service
class TokenExchange {

    private static final Logger log = LoggerFactory.getLogger(TokenExchange.class);

    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final SessionTokens sessionTokens;
    private final AccountDirectory accounts;
    private final OAuth2Properties properties;
    private final SessionTokenProperties sessionTokenProperties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TokenExchange(AuthorizationCodes codes, RefreshTokens refreshTokens, SessionTokens sessionTokens,
            AccountDirectory accounts, OAuth2Properties properties, SessionTokenProperties sessionTokenProperties,
            TransactionTemplate transaction, Clock clock) {
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.sessionTokens = sessionTokens;
        this.accounts = accounts;
        this.properties = properties;
        this.sessionTokenProperties = sessionTokenProperties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** {@code grant_type=authorization_code}: the code from the redirect, once. */
    TokenResponse exchangeCode(String clientId, String code, String redirectUri, String codeVerifier) {
        requireOurClient(clientId, true);
        if (code == null) {
            throw OAuth2Failure.invalidRequest("the code parameter is missing");
        }
        AuthorizationCodes.Claim claim = codes.claim(code);
        if (claim instanceof AuthorizationCodes.Claim.Replayed replayed) {
            revokeWhatTheCodeGave(replayed);
            throw OAuth2Failure.invalidGrant("the authorization code was already used; sign in again");
        }
        if (!(claim instanceof AuthorizationCodes.Claim.Fresh grant)) {
            throw OAuth2Failure.invalidGrant("the authorization code is not valid");
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw OAuth2Failure.invalidGrant("the authorization code expired; sign in again");
        }
        if (!grant.clientId().equals(clientId)) {
            throw OAuth2Failure.invalidGrant("the authorization code was issued to another client");
        }
        String expectedRedirect = grant.redirectUri() != null ? grant.redirectUri()
                : redirectUri == null ? null : OAuth2Challenge.REDIRECT_URL;
        if (!Objects.equals(expectedRedirect, redirectUri)) {
            throw OAuth2Failure.invalidGrant("redirect_uri differs from the one of the authorization request");
        }
        if (!Pkce.verifies(grant.codeChallenge(), grant.codeChallengeMethod(), codeVerifier)) {
            throw OAuth2Failure.invalidGrant(grant.codeChallenge() == null
                    ? "a code_verifier was sent for a code issued without a code_challenge"
                    : "the code_verifier does not match the code_challenge");
        }
        Issued issued = issue(grant.enrollmentRef(), grant.managedAppleAccount(), () -> refreshTokens.issue(
                grant.enrollmentRef(), grant.managedAppleAccount(), clientId, grant.codeHash()));
        codes.exchanged(grant.codeHash(), issued.token().tokenId());
        log.info("Enrollment {}: authorization code exchanged for session token {}", grant.enrollmentRef(),
                issued.token().tokenId());
        return response(issued.token(), issued.refreshToken());
    }

    /** {@code grant_type=refresh_token}: a new access token while the enrollment is open and the account active. */
    TokenResponse refresh(String clientId, String refreshToken) {
        requireOurClient(clientId, false);
        if (refreshToken == null) {
            throw OAuth2Failure.invalidRequest("the refresh_token parameter is missing");
        }
        RefreshTokens.Grant grant = refreshTokens.find(refreshToken)
                .orElseThrow(() -> OAuth2Failure.invalidGrant("the refresh token is not valid"));
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw OAuth2Failure.invalidGrant("the refresh token expired; sign in again");
        }
        if (clientId != null && !grant.clientId().equals(clientId)) {
            throw OAuth2Failure.invalidGrant("the refresh token was issued to another client");
        }
        Optional<AccountDirectory.Entry> account = accounts.findByEmail(grant.managedAppleAccount());
        if (account.isEmpty() || !account.get().active()) {
            refreshTokens.revoke(grant.tokenHash());
            throw OAuth2Failure.invalidGrant("the Managed Apple Account " + grant.managedAppleAccount()
                    + " is no longer active");
        }
        Issued issued;
        try {
            issued = issue(grant.enrollmentRef(), grant.managedAppleAccount(), () -> refreshToken);
        } catch (OAuth2Failure e) {
            refreshTokens.revoke(grant.tokenHash());
            throw e;
        }
        log.info("Enrollment {}: refresh token gave session token {}", grant.enrollmentRef(),
                issued.token().tokenId());
        return response(issued.token(), refreshToken);
    }

    private void requireOurClient(String clientId, boolean required) {
        if (clientId == null && !required) {
            return;
        }
        if (clientId == null) {
            throw OAuth2Failure.invalidClient("the client_id parameter is missing");
        }
        if (!clientId.equals(properties.clientId())) {
            throw OAuth2Failure.invalidClient("unknown client_id " + clientId);
        }
    }

    /** The session token (and its SessionTokenIssued) and what goes with it commit together, or neither. */
    private Issued issue(String enrollmentRef, String managedAppleAccount,
            Supplier<String> refreshToken) {
        try {
            return transaction.execute(status -> new Issued(sessionTokens.issue(enrollmentRef, managedAppleAccount),
                    refreshToken.get()));
        } catch (EnrollmentRuleViolation e) {
            throw OAuth2Failure.invalidGrant("this enrollment can't continue: " + e.getMessage());
        } catch (AggregateNotFoundException e) {
            throw OAuth2Failure.invalidGrant("the enrollment is not known");
        }
    }

    private void revokeWhatTheCodeGave(AuthorizationCodes.Claim.Replayed replayed) {
        // RFC 6749 section 4.1.2: a replayed code may be in the wrong hands, so what it gave is taken back.
        boolean token = replayed.sessionTokenId() != null && sessionTokens.revoke(replayed.sessionTokenId());
        int refresh = refreshTokens.revokeIssuedWith(replayed.codeHash());
        log.warn("Enrollment {}: an authorization code was presented again; revoked {} session token and {} refresh "
                + "token(s) it gave", replayed.enrollmentRef(), token ? 1 : 0, refresh);
    }

    private TokenResponse response(SessionTokens.IssuedToken token, String refreshToken) {
        return new TokenResponse("Bearer", properties.scope(), token.token(),
                sessionTokenProperties.enrollmentTtl().toSeconds(), refreshToken);
    }

    private record Issued(SessionTokens.IssuedToken token, String refreshToken) {

        @Override
        public String toString() {
            return "Issued[" + token + "]";
        }
    }
}
