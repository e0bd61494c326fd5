package io.ueledger.ops.console.pending;

import java.time.Instant;
import java.util.List;

/**
 * What the console's ledger page needs from the Merkle ledger (being built elsewhere): its signed
 * checkpoints. While no bean implements this the page answers 404 and is not in the navigation.
 */
public interface LedgerCheckpoints {

    List<Checkpoint> latest(int count);

    record Checkpoint(long treeSize, String rootHash, Instant signedAt, String signature) {
    }
}
