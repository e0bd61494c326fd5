package io.ueledger.ops.security.tokens;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * API tokens for scripts: 256 random bits, shown once, stored as their SHA-256. A fast hash is enough for a
 * secret that cannot be guessed (unlike a password), so checking one costs microseconds, not bcrypt's ~80 ms.
 */
@Component
public class ApiTokens {

    static final String PREFIX = "uel_";
    static final Duration LONGEST_VALIDITY = Duration.ofDays(366);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    public record Created(String id, String name, String role, Instant expiresAt, String token) {
    }

    public record Listed(String id, String name, String role, String createdBy, Instant createdAt, Instant expiresAt,
                         Instant revokedAt, Instant lastUsedAt) {
    }

    /** A valid token's identity, as the API sees it. */
    public record Holder(String id, String name, String role, String createdBy) {
    }

    public Created create(String name, String role, Duration validity, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name is required (at most 100 characters)");
        }
        if (!"ADMIN".equals(role) && !"COMPLIANCE".equals(role)) {
            throw new IllegalArgumentException("role must be ADMIN or COMPLIANCE");
        }
        if (validity == null || validity.isNegative() || validity.isZero() || validity.compareTo(LONGEST_VALIDITY) > 0) {
            throw new IllegalArgumentException("validDays must be between 1 and " + LONGEST_VALIDITY.toDays());
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = "tok-" + UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        jdbc.update("insert into api_token (id, name, token_hash, role, created_by, created_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", id, name.trim(), sha256(token), role, createdBy,
                Timestamp.from(now), Timestamp.from(expires));
        return new Created(id, name.trim(), role, expires, token);
    }

    public List<Listed> list() {
        return jdbc.query("select * from api_token order by created_at desc", (rs, i) -> new Listed(rs.getString("id"),
                rs.getString("name"), rs.getString("role"), rs.getString("created_by"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at")));
    }

    /** @return false when there is no such token or it was revoked already */
    public boolean revoke(String id, String revokedBy) {
        return jdbc.update("update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), revokedBy, id) == 1;
    }

    /** The holder of this token when it is known, unexpired and not revoked. */
    public Optional<Holder> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.query("select id, name, role, created_by from api_token where token_hash = ?"
                        + " and revoked_at is null and expires_at > ?",
                (rs, i) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                sha256(token), Timestamp.from(clock.instant())).stream().findFirst();
    }

    /** The audit trail: every authenticated use, and the token's last use (one statement, one commit). */
    public void recordUse(Holder holder, String method, String path) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("with used as (insert into api_token_use (token_id, method, path, used_at) values (?, ?, ?, ?))"
                        + " update api_token set last_used_at = ? where id = ?", holder.id(), method,
                path.length() > 2000 ? path.substring(0, 2000) : path, now, now, holder.id());
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
