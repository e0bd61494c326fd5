package io.ueledger.command.session;

import io.ueledger.kernel.enrollment.IssueSessionToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bearer tokens a device receives at the end of the web sign-in and sends back with
 * {@code Authorization: Bearer} (SPEC.md sections 4.1, 5 and 8).
 *
 * <p>A token is 256 random bits (SecureRandom, base64url), opaque to the device. Only its SHA-256 is
 * stored (table {@code session_token}) and only its id and hash go into the ledger
 * ({@code SessionTokenIssued}). It is bound to one enrollment and one Managed Apple Account and
 * expires after {@code ueledger.session-token.enrollment-ttl} (default one hour).
 *
 * <p>Policy for later requests: the enrollment POST and the check-in {@code Authenticate} accept the
 * token while it is {@link Verification.Valid}. After {@code Authenticate} the device is known by
 * its identity certificate / {@code Mdm-Signature}, and the check-in and command endpoints should
 * accept (not re-check) the Bearer the device keeps sending: demanding a fresh sign-in whenever the
 * hour is up would keep prompting the device owner (SPEC.md section 8, Fleet does the same). A 401
 * there means "sign in again", never "unenroll".
 */
@Service
public class SessionTokens {

    private static final int TOKEN_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final SessionTokenProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SessionTokens(JdbcTemplate jdbc, CommandGateway commands, SessionTokenProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Issues a token for an enrollment whose user has signed in as {@code managedAppleAccount}. The
     * row and the {@code SessionTokenIssued} event commit together, or neither does (the aggregate
     * refuses, for example, a closed enrollment or one without a sign-in).
     *
     * @return the token to hand to the device; it exists nowhere else
     */
    @Transactional
    public IssuedToken issue(String enrollmentRef, String managedAppleAccount) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String tokenId = UUID.randomUUID().toString();
        String hash = hash(token);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.enrollmentTtl());
        // The row first, the event last: if the aggregate refuses, the exception rolls the row back.
        jdbc.update("insert into session_token (token_id, token_hash, enrollment_ref, managed_apple_account, "
                        + "issued_at, expires_at) values (?, ?, ?, ?, ?, ?)",
                tokenId, hash, enrollmentRef, managedAppleAccount, Timestamp.from(now), Timestamp.from(expiresAt));
        commands.sendAndWait(new IssueSessionToken(enrollmentRef, tokenId, hash, expiresAt, now));
        return new IssuedToken(token, tokenId, expiresAt);
    }

    /** Never throws for bad input; a revoked token is as good as unknown. */
    public Verification verify(String token) {
        if (token == null || token.isBlank()) {
            return new Verification.Unknown();
        }
        List<Verification> found = jdbc.query("select token_id, enrollment_ref, managed_apple_account, expires_at "
                        + "from session_token where token_hash = ? and revoked_at is null",
                (rs, i) -> clock.instant().isBefore(rs.getTimestamp(4).toInstant())
                        ? new Verification.Valid(rs.getString(1), rs.getString(2), rs.getString(3))
                        : new Verification.Expired(rs.getString(1), rs.getString(2)),
                hash(token.trim()));
        return found.isEmpty() ? new Verification.Unknown() : found.get(0);
    }

    /** Ends every token of an enrollment early, e.g. when it is closed. @return how many were live */
    @Transactional
    public int revokeAll(String enrollmentRef) {
        return jdbc.update("update session_token set revoked_at = ? where enrollment_ref = ? and revoked_at is null",
                Timestamp.from(clock.instant()), enrollmentRef);
    }

    /** Ends one token early, e.g. when the authorization code it came from is replayed. @return whether it was live */
    @Transactional
    public boolean revoke(String tokenId) {
        return jdbc.update("update session_token set revoked_at = ? where token_id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), tokenId) > 0;
    }

    /** Hex SHA-256 of a token, the form stored in the table and carried by the event. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** @param token the secret for the device; never log or store it */
    public record IssuedToken(String token, String tokenId, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedToken[tokenId=" + tokenId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** What a presented token is worth. */
    public sealed interface Verification {

        record Valid(String tokenId, String enrollmentRef, String managedAppleAccount) implements Verification {
        }

        /** Known but past its expiry: the device should be challenged to sign in again. */
        record Expired(String tokenId, String enrollmentRef) implements Verification {
        }

        /** Never issued, revoked, or garbage. */
        record Unknown() implements Verification {
        }
    }
}
