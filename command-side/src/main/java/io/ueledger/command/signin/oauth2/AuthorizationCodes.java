package io.ueledger.command.signin.oauth2;

import io.ueledger.command.session.SessionTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one-time authorization codes of Apple's OAuth 2 method (table {@code oauth2_authorization_code},
 * only hashes stored). A code is bound to its enrollment, client and redirect URI, lives
 * {@code ueledger.enrollment.oauth2.code-ttl}, and the first exchange attempt uses it up, right or
 * wrong: a second attempt is a replay.
 */
@Component
class AuthorizationCodes {

    private final JdbcTemplate jdbc;
    private final OAuth2Properties properties;
    private final Clock clock;

    AuthorizationCodes(JdbcTemplate jdbc, OAuth2Properties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the code for the device; only its hash is kept */
    String issue(PendingAuthorization request, String managedAppleAccount) {
        String code = RandomTokens.next();
        Instant now = clock.instant();
        jdbc.update("insert into oauth2_authorization_code (code_hash, enrollment_ref, managed_apple_account, "
                        + "client_id, redirect_uri, code_challenge, code_challenge_method, issued_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                SessionTokens.hash(code), request.enrollmentRef(), managedAppleAccount, request.clientId(),
                request.redirectUri(), request.codeChallenge(), request.codeChallengeMethod(), Timestamp.from(now),
                Timestamp.from(now.plus(properties.codeTtl())));
        return code;
    }

    /** Uses the code up and says what it was worth. Never throws for bad input. */
    Claim claim(String code) {
        String hash = SessionTokens.hash(code);
        List<Claim> fresh = jdbc.query("update oauth2_authorization_code set used_at = ? "
                        + "where code_hash = ? and used_at is null returning enrollment_ref, managed_apple_account, "
                        + "client_id, redirect_uri, code_challenge, code_challenge_method, expires_at",
                (rs, i) -> new Claim.Fresh(hash, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                Timestamp.from(clock.instant()), hash);
        if (!fresh.isEmpty()) {
            return fresh.get(0);
        }
        List<Claim> used = jdbc.query("select enrollment_ref, session_token_id from oauth2_authorization_code "
                        + "where code_hash = ?",
                (rs, i) -> new Claim.Replayed(hash, rs.getString(1), rs.getString(2)), hash);
        return used.isEmpty() ? new Claim.Unknown() : used.get(0);
    }

    /** Remembers which session token the code was exchanged for, so a replay can revoke it. */
    void exchanged(String codeHash, String sessionTokenId) {
        jdbc.update("update oauth2_authorization_code set session_token_id = ? where code_hash = ?",
                sessionTokenId, codeHash);
    }

    sealed interface Claim {

        record Fresh(String codeHash, String enrollmentRef, String managedAppleAccount, String clientId,
                String redirectUri, String codeChallenge, String codeChallengeMethod, Instant expiresAt)
                implements Claim {
        }

        /** @param sessionTokenId null when the first attempt was refused */
        record Replayed(String codeHash, String enrollmentRef, String sessionTokenId) implements Claim {
        }

        record Unknown() implements Claim {
        }
    }
}
