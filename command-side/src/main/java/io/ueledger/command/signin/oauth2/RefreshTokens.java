package io.ueledger.command.signin.oauth2;

import io.ueledger.command.session.SessionTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refresh tokens of Apple's OAuth 2 method (table {@code oauth2_refresh_token}, only hashes stored).
 * Not rotated: Apple does not say whether the device keeps a new refresh token, so the device's one
 * stays valid until it expires or is revoked.
 */
@Component
class RefreshTokens {

    private final JdbcTemplate jdbc;
    private final OAuth2Properties properties;
    private final Clock clock;

    RefreshTokens(JdbcTemplate jdbc, OAuth2Properties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the refresh token for the device; only its hash is kept */
    String issue(String enrollmentRef, String managedAppleAccount, String clientId, String codeHash) {
        String token = RandomTokens.next();
        Instant now = clock.instant();
        jdbc.update("insert into oauth2_refresh_token (token_hash, enrollment_ref, managed_apple_account, client_id, "
                        + "authorization_code, issued_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)",
                SessionTokens.hash(token), enrollmentRef, managedAppleAccount, clientId, codeHash, Timestamp.from(now),
                Timestamp.from(now.plus(properties.refreshTokenTtl())));
        return token;
    }

    /** @return the unrevoked grant behind a refresh token, expired or not */
    Optional<Grant> find(String token) {
        String hash = SessionTokens.hash(token);
        List<Grant> found = jdbc.query("select enrollment_ref, managed_apple_account, client_id, expires_at "
                        + "from oauth2_refresh_token where token_hash = ? and revoked_at is null",
                (rs, i) -> new Grant(hash, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()), hash);
        return found.stream().findFirst();
    }

    void revoke(String tokenHash) {
        jdbc.update("update oauth2_refresh_token set revoked_at = ? where token_hash = ? and revoked_at is null",
                Timestamp.from(clock.instant()), tokenHash);
    }

    /** @return how many were live */
    int revokeIssuedWith(String codeHash) {
        return jdbc.update("update oauth2_refresh_token set revoked_at = ? where authorization_code = ? "
                + "and revoked_at is null", Timestamp.from(clock.instant()), codeHash);
    }

    record Grant(String tokenHash, String enrollmentRef, String managedAppleAccount, String clientId,
            Instant expiresAt) {
    }
}
