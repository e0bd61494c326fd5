package io.ueledger.query.ledger;

import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.ledger.MerkleTree;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Inclusion and consistency proofs, checked against what the ledger holds before they are computed. */
@Component
public class LedgerProofs {

    /**
     * Proof that an event is leaf {@code leafIndex} of the tree of {@code treeSize} leaves.
     *
     * @param envelope   the decoded envelope (what the leaf commits to)
     * @param encodedEnvelope base64 of the canonical envelope bytes; leafHash = SHA-256(0x00 || these bytes)
     * @param auditPath  base64 hashes from the leaf upwards
     * @param checkpoint the signed checkpoint of that size, if one was published
     */
    public record Inclusion(String eventId, long leafIndex, long treeSize, String leafHash, EnvelopeView envelope,
            String encodedEnvelope, List<String> auditPath, String rootHash, String checkpoint) {
    }

    /** Proof that the tree of size {@code first} is a prefix of the tree of size {@code second}. */
    public record Consistency(long first, long second, String firstRootHash, String secondRootHash,
            List<String> proof, String firstCheckpoint, String secondCheckpoint) {
    }

    /** The envelope's fields for people; digests in lowercase hex. */
    public record EnvelopeView(String format, long globalIndex, String eventId, String aggregateType,
            String aggregateId, long sequenceNumber, String payloadType, String payloadRevision, String timestamp,
            String payloadSha256, String metaDataSha256) {

        static EnvelopeView of(LeafEnvelope e) {
            HexFormat hex = HexFormat.of();
            return new EnvelopeView(LeafEnvelope.FORMAT, e.globalIndex(), e.eventId(), e.aggregateType(),
                    e.aggregateId(), e.sequenceNumber(), e.payloadType(), e.payloadRevision(), e.timestamp(),
                    hex.formatHex(e.payloadSha256()), hex.formatHex(e.metaDataSha256()));
        }
    }

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final LedgerStore store;
    private final LedgerCheckpoints checkpoints;

    LedgerProofs(LedgerStore store, LedgerCheckpoints checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /** {@code treeSize} null: the latest signed checkpoint's size. */
    @Transactional(readOnly = true)
    public Inclusion inclusion(String eventId, Long treeSize) {
        LedgerStore.Leaf leaf = store.leafOfEvent(eventId).orElseThrow(() -> LedgerRequestRefused.notFound(
                "event " + eventId + " has no leaf in the ledger (unknown event, or not appended yet)"));
        long size;
        if (treeSize == null) {
            size = checkpoints.latest().map(LedgerCheckpoint::treeSize).orElse(0L);
            if (size <= leaf.leafIndex()) {
                throw LedgerRequestRefused.notFound("event " + eventId + " (leaf " + leaf.leafIndex()
                        + ") is not covered by a signed checkpoint yet; ask again after the next checkpoint, "
                        + "or pass treeSize");
            }
        } else {
            size = treeSize;
            long current = store.size();
            if (size <= leaf.leafIndex() || size > current) {
                throw LedgerRequestRefused.badRequest("treeSize must be between " + (leaf.leafIndex() + 1)
                        + " (this event is leaf " + leaf.leafIndex() + ") and " + current + " (the ledger's size), not "
                        + size);
            }
        }
        MerkleTree tree = store.tree();
        return new Inclusion(eventId, leaf.leafIndex(), size, BASE64.encodeToString(leaf.leafHash()),
                EnvelopeView.of(LeafEnvelope.decode(leaf.envelope())), BASE64.encodeToString(leaf.envelope()),
                encode(tree.inclusionProof(leaf.leafIndex(), size)), BASE64.encodeToString(tree.root(size)),
                checkpoints.ofSize(size).map(LedgerCheckpoint::signedNote).orElse(null));
    }

    @Transactional(readOnly = true)
    public Consistency consistency(long first, long second) {
        long current = store.size();
        if (first < 1 || first > second || second > current) {
            throw LedgerRequestRefused.badRequest("need 1 <= first <= second <= " + current
                    + " (the ledger's size), got first=" + first + ", second=" + second);
        }
        MerkleTree tree = store.tree();
        return new Consistency(first, second, BASE64.encodeToString(tree.root(first)),
                BASE64.encodeToString(tree.root(second)), encode(tree.consistencyProof(first, second)),
                checkpoints.ofSize(first).map(LedgerCheckpoint::signedNote).orElse(null),
                checkpoints.ofSize(second).map(LedgerCheckpoint::signedNote).orElse(null));
    }

    private static List<String> encode(List<byte[]> hashes) {
        return hashes.stream().map(BASE64::encodeToString).toList();
    }
}
