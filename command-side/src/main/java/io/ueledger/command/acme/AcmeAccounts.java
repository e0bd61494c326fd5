package io.ueledger.command.acme;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** ACME accounts: a client's public key, found again by its RFC 7638 thumbprint or its account id. */
@Component
public class AcmeAccounts {

    /** A registered account. */
    public record Account(String id, JWK key, String contactJson) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AcmeAccounts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Account> byKey(JWK key) {
        return jdbc.query("select account_id, jwk::text, contact::text from acme_account where thumbprint = ?",
                (rs, i) -> account(rs.getString(1), rs.getString(2), rs.getString(3)), thumbprint(key))
                .stream().findFirst();
    }

    public Optional<Account> byId(String id) {
        return jdbc.query("select account_id, jwk::text, contact::text from acme_account where account_id = ?",
                (rs, i) -> account(rs.getString(1), rs.getString(2), rs.getString(3)), id).stream().findFirst();
    }

    public Account create(JWK key, String contactJson) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into acme_account (account_id, thumbprint, jwk, contact, created_at) "
                + "values (?, ?, ?::jsonb, ?::jsonb, ?)", id, thumbprint(key), key.toPublicJWK().toJSONString(),
                contactJson, Timestamp.from(clock.instant()));
        return new Account(id, key.toPublicJWK(), contactJson);
    }

    public static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw AcmeProblem.malformed("the account key has no thumbprint: " + e.getMessage());
        }
    }

    private static Account account(String id, String jwk, String contact) {
        try {
            return new Account(id, JWK.parse(jwk), contact);
        } catch (ParseException e) {
            throw new IllegalStateException("stored ACME account key of " + id + " is unreadable", e);
        }
    }
}
