package io.ueledger.command.acme;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Replay-Nonce values in PostgreSQL, so a nonce from one node is good once on any node. */
@Component
public class AcmeNonces {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AcmeProperties properties;

    public AcmeNonces(JdbcTemplate jdbc, Clock clock, AcmeProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    public String issue() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        // expired nonces of anybody are swept on the way; an index keeps that cheap
        jdbc.update("delete from acme_nonce where expires_at < ?", Timestamp.from(now));
        jdbc.update("insert into acme_nonce (nonce, expires_at) values (?, ?)", nonce,
                Timestamp.from(now.plus(properties.nonceTtl())));
        return nonce;
    }

    /** @return whether the nonce was ours, unexpired and unused; it is used up either way */
    public boolean spend(String nonce) {
        if (nonce == null || nonce.length() > 64) {
            return false;
        }
        return jdbc.update("delete from acme_nonce where nonce = ? and expires_at >= ?", nonce,
                Timestamp.from(clock.instant())) == 1;
    }
}
