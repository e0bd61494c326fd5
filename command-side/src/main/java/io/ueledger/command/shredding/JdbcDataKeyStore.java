package io.ueledger.command.shredding;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Keys in {@code enrollment_data_key}, tombstones in {@code enrollment_data_key_tombstone}. Every
 * call joins the caller's transaction, so a key is issued with the first event that needs it and
 * destroyed with the events that close the enrollment, or not at all.
 *
 * <p>Within one unit of work (an event processor's batch, a command) a key is read once per enrollment, and
 * in a processor's batch the first key asked for is read together with those of every other aggregate whose
 * events the batch holds: one query per batch instead of one per event (that read was most of a rebuild's
 * database time) or per enrollment (8% of the registry's rebuild threads). Nothing outlives the unit of work, so
 * no node ever holds a key longer than the batch that read it; issuing and destroying a key in the same
 * unit of work update what it remembers, so the events it reads after a destroy read as shredded.
 */
@Component
class JdbcDataKeyStore implements DataKeyStore {

    static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String unitOfWorkResource = JdbcDataKeyStore.class.getName() + ".keys@" + System.identityHashCode(this);

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
        Optional<SecretKey> issued = read(enrollmentRef);
        remember(enrollmentRef, issued);
        return issued;
    }

    @Override
    public Optional<SecretKey> find(String enrollmentRef) {
        Map<String, Optional<SecretKey>> known = keysOfThisUnitOfWork();
        if (known == null) {
            return read(enrollmentRef);
        }
        Optional<SecretKey> key = known.get(enrollmentRef);
        if (key == null) {
            readWithTheBatch(enrollmentRef, known);
            key = known.get(enrollmentRef);
        }
        return key;
    }

    /**
     * Reads the key of {@code enrollmentRef} and of every aggregate of the current batch not yet known, in one
     * query, and remembers each (empty where there is none: an account, a closed enrollment). Exactly what
     * {@link #find} would read for each of them later in the same transaction, so the answers do not change.
     */
    private void readWithTheBatch(String enrollmentRef, Map<String, Optional<SecretKey>> known) {
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(enrollmentRef);
        if (CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) {
            for (Message<?> message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event && !known.containsKey(event.getAggregateIdentifier())) {
                    wanted.add(event.getAggregateIdentifier());
                }
            }
        }
        known.putAll(read(wanted));
    }

    private Optional<SecretKey> read(String enrollmentRef) {
        return read(List.of(enrollmentRef)).get(enrollmentRef);
    }

    /** The stored keys of these enrollments, in one query: empty for each that has none. */
    private Map<String, Optional<SecretKey>> read(Collection<String> enrollmentRefs) {
        Map<String, Optional<SecretKey>> keys = new HashMap<>();
        enrollmentRefs.forEach(ref -> keys.put(ref, Optional.empty()));
        jdbc.query("select enrollment_ref, key from enrollment_data_key where enrollment_ref = any(?)",
                (RowCallbackHandler) rs -> keys.put(rs.getString(1),
                        Optional.of(new SecretKeySpec(rs.getBytes(2), ALGORITHM))),
                (Object) enrollmentRefs.toArray(String[]::new));
        return keys;
    }

    /** The keys this unit of work has read (empty: none, or destroyed); null outside a unit of work. */
    private Map<String, Optional<SecretKey>> keysOfThisUnitOfWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(unitOfWorkResource, k -> new HashMap<>());
    }

    private void remember(String enrollmentRef, Optional<SecretKey> key) {
        Map<String, Optional<SecretKey>> known = keysOfThisUnitOfWork();
        if (known != null) {
            known.put(enrollmentRef, key);
        }
    }

    @Override
    public Optional<String> destroy(String enrollmentRef, Instant at) {
        Optional<byte[]> key = jdbc.query("delete from enrollment_data_key where enrollment_ref = ? returning key",
                (rs, i) -> rs.getBytes(1), enrollmentRef).stream().findFirst();
        Optional<String> commitment = key.map(KeyCommitment::of);
        remember(enrollmentRef, Optional.empty());
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
