package io.ueledger.command.shredding;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keys in {@code enrollment_data_key}, tombstones in {@code enrollment_data_key_tombstone}. Every
 * call joins the caller's transaction, so a key is issued with the first event that needs it and
 * destroyed with the events that close the enrollment, or not at all.
 */
@Component
class JdbcDataKeyStore implements DataKeyStore {

    static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbcDataKeyStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<SecretKey> issue(String enrollmentRef) {
        Optional<SecretKey> existing = find(enrollmentRef);
        if (existing.isPresent() || isDestroyed(enrollmentRef)) {
            return existing;
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        // "do nothing" on conflict: another node may issue the same enrollment's key at the same time;
        // the row that won is the key. A tombstoned enrollment never gets a row again.
        jdbc.update("""
                insert into enrollment_data_key (enrollment_ref, key, created_at)
                select ?, ?, ? where not exists
                    (select 1 from enrollment_data_key_tombstone where enrollment_ref = ?)
                on conflict (enrollment_ref) do nothing""",
                enrollmentRef, key, Timestamp.from(clock.instant()), enrollmentRef);
        return find(enrollmentRef);
    }

    @Override
    public Optional<SecretKey> find(String enrollmentRef) {
        return jdbc.query("select key from enrollment_data_key where enrollment_ref = ?",
                        (rs, i) -> (SecretKey) new SecretKeySpec(rs.getBytes(1), ALGORITHM), enrollmentRef)
                .stream().findFirst();
    }

    @Override
    public Optional<String> destroy(String enrollmentRef, Instant at) {
        Optional<byte[]> key = jdbc.query("delete from enrollment_data_key where enrollment_ref = ? returning key",
                (rs, i) -> rs.getBytes(1), enrollmentRef).stream().findFirst();
        Optional<String> commitment = key.map(KeyCommitment::of);
        jdbc.update("""
                insert into enrollment_data_key_tombstone (enrollment_ref, destroyed_at, key_commitment)
                values (?, ?, ?) on conflict (enrollment_ref) do nothing""",
                enrollmentRef, Timestamp.from(at), commitment.orElse(null));
        return commitment;
    }

    private boolean isDestroyed(String enrollmentRef) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from enrollment_data_key_tombstone where enrollment_ref = ?)",
                Boolean.class, enrollmentRef));
    }
}
