package io.ueledger.query.ledger;

import java.time.Instant;

/**
 * A published checkpoint.
 *
 * @param origin     the log's origin line
 * @param treeSize   how many leaves it commits to
 * @param rootHash   base64 root hash of those leaves
 * @param signedNote the C2SP signed note (checkpoint body, blank line, signature line)
 * @param createdAt  when it was signed
 */
public record LedgerCheckpoint(String origin, long treeSize, String rootHash, String signedNote, Instant createdAt) {
}
