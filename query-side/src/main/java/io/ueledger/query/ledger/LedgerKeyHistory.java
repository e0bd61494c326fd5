package io.ueledger.query.ledger;

import static io.ueledger.query.support.SqlTime.ts;

import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.KeyRotation;
import io.ueledger.kernel.ledger.NoteSigner;
import io.ueledger.kernel.ledger.NoteVerifier;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the ledger from silently changing keys. Before the server serves or signs anything (after
 * every bean exists, before the web server and the schedule start), the latest signed checkpoint
 * must verify with the current key. If it does not, the key was lost or replaced: the server
 * refuses to start, unless a rotation is performed on purpose with the previous key configured, in
 * which case the previous key signs a {@link KeyRotation} naming the current one, and the statement
 * joins the published key history.
 */
@Component
public class LedgerKeyHistory implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LedgerKeyHistory.class);

    /** One key of the history; {@code rotationNote} is null for the first. */
    public record Key(int position, String verifierKey, String rotationNote, Long lastTreeSizeOfPrevious) {
    }

    private final JdbcTemplate jdbc;
    private final LedgerSigning signing;
    private final LedgerProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LedgerKeyHistory(JdbcTemplate jdbc, LedgerSigning signing, LedgerProperties properties,
                     TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.signing = signing;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transaction.executeWithoutResult(status -> check(signing.signer(), CheckpointSigningKey.previous(properties)));
    }

    /** Every key in order, the current one last. */
    public List<Key> keys() {
        return jdbc.query("select * from ledger_key order by position", (rs, n) -> new Key(rs.getInt("position"),
                rs.getString("verifier_key"), rs.getString("rotation_note"),
                rs.getObject("last_tree_size_of_previous", Long.class)));
    }

    public String origin() {
        return signing.origin();
    }

    /**
     * The start-up check (public so that tests can run it against a live ledger with other keys).
     *
     * @throws IllegalStateException when checkpoints exist that {@code current} did not sign and no
     *                               rotation from their key was asked for
     */
    public void check(NoteSigner current, Optional<NoteSigner> previous) {
        Optional<Latest> latest = latestCheckpoint();
        List<Key> keys = keys();
        if (latest.isEmpty() || signs(current, latest.get())) {
            if (keys.isEmpty()) {
                record(0, current.verifierKey(), null, null);
            } else if (!keys.get(keys.size() - 1).verifierKey().equals(current.verifierKey())) {
                throw new IllegalStateException("Refusing to start: the ledger key " + current.verifierKey()
                        + " is not the last key of the published key history ("
                        + keys.get(keys.size() - 1).verifierKey() + ")");
            }
            return;
        }
        if (!keys.isEmpty() && keys.get(keys.size() - 1).verifierKey().equals(current.verifierKey())) {
            return; // a rotation to this key is recorded; it has not signed a checkpoint yet
        }
        long size = latest.get().size();
        if (previous.isEmpty()) {
            throw new IllegalStateException("Refusing to start: the ledger holds signed checkpoints (latest tree size "
                    + size + ") that the current ledger key " + current.verifierKey() + " did not sign. The key that"
                    + " signed them was lost or replaced (a missing key file is regenerated). Restore that key, or"
                    + " rotate on purpose by setting ueledger.ledger.previous-signing-key-file to it: it then signs a"
                    + " statement naming the new key, published at GET /api/ledger/keys.");
        }
        NoteSigner old = previous.get();
        if (!signs(old, latest.get())) {
            throw new IllegalStateException("Refusing to start: the previous ledger key configured for the rotation ("
                    + old.verifierKey() + ") did not sign the latest checkpoint (tree size " + size + ") either");
        }
        if (keys.isEmpty()) {
            record(0, old.verifierKey(), null, null);
            keys = keys();
        }
        if (!keys.get(keys.size() - 1).verifierKey().equals(old.verifierKey())) {
            throw new IllegalStateException("Refusing to start: the previous ledger key " + old.verifierKey()
                    + " is not the last key of the published key history");
        }
        String note = new KeyRotation(signing.origin(), old.verifierKey(), current.verifierKey(), size).sign(old, current);
        record(keys.size(), current.verifierKey(), note, size);
        log.warn("Ledger key rotated on purpose: {} signed the statement naming {} (after tree size {}); remove"
                + " ueledger.ledger.previous-signing-key(-file) now", old.verifierKey(), current.verifierKey(), size);
    }

    private void record(int position, String verifierKey, String note, Long lastTreeSize) {
        jdbc.update("insert into ledger_key (position, verifier_key, rotation_note, last_tree_size_of_previous,"
                + " recorded_at) values (?, ?, ?, ?, ?)", position, verifierKey, note, lastTreeSize, ts(clock.instant()));
    }

    /** The latest checkpoint's tree size and signed note. */
    private record Latest(long size, String note) {
    }

    private Optional<Latest> latestCheckpoint() {
        return jdbc.query("select tree_size, signed_note from ledger_checkpoint order by tree_size desc limit 1",
                (rs, n) -> new Latest(rs.getLong(1), rs.getString(2))).stream().findFirst();
    }

    private static boolean signs(NoteSigner signer, Latest checkpoint) {
        try {
            NoteVerifier.fromVerifierKey(signer.verifierKey()).verify(checkpoint.note());
            return true;
        } catch (InvalidProof e) {
            return false;
        }
    }
}
