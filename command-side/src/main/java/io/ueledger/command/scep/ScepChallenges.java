package io.ueledger.command.scep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Issues and redeems one-time SCEP challenges bound to an enrollment ({@code scep_challenge}).
 * The profile builder asks for one per delivered profile; SCEP redeems it once.
 */
@Component
public class ScepChallenges {

    /** What is known about a presented challenge. */
    public record Challenge(String enrollmentRef, Instant expiresAt, Instant usedAt) {

        public boolean isUsed() {
            return usedAt != null;
        }

        public boolean isExpiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ScepProperties properties;

    public ScepChallenges(JdbcTemplate jdbc, Clock clock, ScepProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new 192-bit challenge for the enrollment; only its hash is stored. */
    public String issue(String enrollmentRef) {
        return issue(enrollmentRef, properties.challengeTtl());
    }

    /**
     * A new challenge that stays usable for {@code ttl}: a renewal profile waits in the command queue
     * until the device fetches it, which can be much later than the enrollment's sign-in.
     */
    public String issue(String enrollmentRef, java.time.Duration ttl) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        jdbc.update("insert into scep_challenge (challenge_hash, enrollment_ref, issued_at, expires_at) "
                + "values (?, ?, ?, ?)", hash(challenge), enrollmentRef, Timestamp.from(now),
                Timestamp.from(now.plus(ttl)));
        return challenge;
    }

    public Optional<Challenge> find(String challenge) {
        if (challenge == null || challenge.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("select enrollment_ref, expires_at, used_at from scep_challenge where challenge_hash = ?",
                (rs, i) -> new Challenge(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                hash(challenge)).stream().findFirst();
    }

    /**
     * Marks the challenge used if it is still unused and unexpired. Atomic, so two concurrent
     * requests with one challenge cannot both succeed.
     *
     * @return whether this call used it
     */
    public boolean redeem(String challenge) {
        Instant now = clock.instant();
        return jdbc.update("update scep_challenge set used_at = ? where challenge_hash = ? and used_at is null "
                + "and expires_at > ?", Timestamp.from(now), hash(challenge), Timestamp.from(now)) == 1;
    }

    static String hash(String challenge) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
