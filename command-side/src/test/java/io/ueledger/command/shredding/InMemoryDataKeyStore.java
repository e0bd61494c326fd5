package io.ueledger.command.shredding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link DataKeyStore} for aggregate fixtures. Keys are derived from the enrollment reference, so
 * a test can name the commitment the closing event must carry, and every enrollment a fixture
 * starts from given events is treated as having had its key issued at creation.
 */
public class InMemoryDataKeyStore implements DataKeyStore {

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> destroyed = new HashSet<>();

    public static byte[] keyBytes(String enrollmentRef) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("test-key:" + enrollmentRef)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The commitment {@code ManagedDataKeysDestroyed} carries for an enrollment of a fixture. */
    public static String commitment(String enrollmentRef) {
        return KeyCommitment.of(keyBytes(enrollmentRef));
    }

    @Override
    public synchronized Optional<SecretKey> issue(String enrollmentRef) {
        if (destroyed.contains(enrollmentRef)) {
            return Optional.empty();
        }
        return Optional.of(keys.computeIfAbsent(enrollmentRef, r -> new SecretKeySpec(keyBytes(r), "AES")));
    }

    @Override
    public synchronized Optional<SecretKey> find(String enrollmentRef) {
        return Optional.ofNullable(keys.get(enrollmentRef));
    }

    @Override
    public synchronized Optional<String> destroy(String enrollmentRef, Instant at) {
        keys.remove(enrollmentRef);
        return destroyed.add(enrollmentRef) ? Optional.of(commitment(enrollmentRef)) : Optional.empty();
    }

    public synchronized boolean isDestroyed(String enrollmentRef) {
        return destroyed.contains(enrollmentRef) && !keys.containsKey(enrollmentRef);
    }
}
