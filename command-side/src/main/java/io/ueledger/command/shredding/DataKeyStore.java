package io.ueledger.command.shredding;

import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The per-enrollment AES-256 data keys that encrypt personal-adjacent data on the server.
 *
 * <p>Contract: a key is issued at most once per enrollment; destroying it is final (a tombstone
 * remembers the enrollment, and {@link #issue} never hands out a new key for it), so data
 * encrypted under the old key can never be read again, and new data of a closed enrollment can
 * never be encrypted under a fresh key someone still holds.
 */
public interface DataKeyStore {

    /**
     * The enrollment's key, issued now if it has none yet.
     *
     * @return empty when the enrollment's key was destroyed
     */
    Optional<SecretKey> issue(String enrollmentRef);

    /** The enrollment's key; empty when it never had one or it was destroyed. */
    Optional<SecretKey> find(String enrollmentRef);

    /**
     * Deletes the key and leaves a tombstone. Runs in the caller's transaction.
     *
     * @return the hex SHA-256 commitment of the destroyed key; empty when there was no key to destroy
     */
    Optional<String> destroy(String enrollmentRef, Instant at);
}
