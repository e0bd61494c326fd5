package io.ueledger.command.acme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One-time ClientIdentifier tokens bound to an enrollment ({@code acme_client_identifier}), the ACME
 * counterpart of the SCEP challenge: the profile carries one, the device orders its certificate for
 * it, and issuance spends it. Lower-case letters and digits only, so that a client that speaks of
 * {@code dns} identifiers (acme4j, lego) can name it too.
 */
@Component
public class ClientIdentifiers {

    /** What is known about a presented identifier. */
    public record ClientIdentifier(String enrollmentRef, Instant expiresAt, Instant usedAt) {

        public boolean isUsableAt(Instant now) {
            return usedAt == null && now.isBefore(expiresAt);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AcmeProperties properties;

    public ClientIdentifiers(JdbcTemplate jdbc, Clock clock, AcmeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new 160-bit identifier for the enrollment; only its hash is stored. */
    public String issue(String enrollmentRef) {
        StringBuilder token = new StringBuilder("ue");
        for (int i = 0; i < 32; i++) {
            token.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        Instant now = clock.instant();
        jdbc.update("insert into acme_client_identifier (identifier_hash, enrollment_ref, issued_at, expires_at) "
                + "values (?, ?, ?, ?)", hash(token.toString()), enrollmentRef, Timestamp.from(now),
                Timestamp.from(now.plus(properties.clientIdentifierTtl())));
        return token.toString();
    }

    public Optional<ClientIdentifier> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 255) {
            return Optional.empty();
        }
        return jdbc.query("select enrollment_ref, expires_at, used_at from acme_client_identifier "
                        + "where identifier_hash = ?",
                (rs, i) -> new ClientIdentifier(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                hash(token)).stream().findFirst();
    }

    /** Spends the identifier if it is unused and unexpired; atomic, so only one certificate per token. */
    public boolean redeem(String token) {
        Instant now = clock.instant();
        return jdbc.update("update acme_client_identifier set used_at = ? where identifier_hash = ? "
                + "and used_at is null and expires_at > ?", Timestamp.from(now), hash(token),
                Timestamp.from(now)) == 1;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
