package io.ueledger.query.ledger;

import io.ueledger.kernel.ledger.AggregateHead;
import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.HeadsTree;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.ledger.RootAccumulator;
import io.ueledger.query.ledger.SelfCheckReport.Altered;
import io.ueledger.query.ledger.SelfCheckReport.Finding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-checks the whole ledger from scratch, in one pass over the leaves joined with the event store.
 *
 * <ul>
 *   <li>Each leaf's stored hash must be the hash of its stored envelope, its columns must agree with
 *       the envelope, and leaf indexes must run 0, 1, 2, ... (else: the LEDGER tables were altered).</li>
 *   <li>Each leaf's envelope must equal the envelope recomputed from the event store row at its
 *       global index, payload digest included (else: the EVENT_STORE was altered: a changed payload,
 *       a deleted row, rows swapped).</li>
 *   <li>Every stored complete-subtree hash and every signed checkpoint (signature and root) must
 *       equal what the leaves give (else: LEDGER). Signed checkpoints are the anchor: someone
 *       who rewrites a leaf and its hash together still breaks the roots that were signed.</li>
 *   <li>No event the ledger went past may lack a leaf (else: NOT_IN_LEDGER): the ledger is complete
 *       up to where it has got.</li>
 * </ul>
 */
@Component
public class LedgerSelfCheck {

    private static final Logger log = LoggerFactory.getLogger(LedgerSelfCheck.class);
    private static final HexFormat HEX = HexFormat.of();
    /** How long an event may wait for its leaf before the check reports it as passed over. */
    static final Duration NOT_IN_LEDGER_GRACE = Duration.ofMinutes(10);
    static final int NOT_IN_LEDGER_SHOWN = 20;

    private final JdbcTemplate jdbc;
    private final LedgerSigning signing;
    private final Clock clock;

    LedgerSelfCheck(JdbcTemplate jdbc, LedgerSigning signing, Clock clock) {
        this.jdbc = jdbc;
        this.signing = signing;
        this.clock = clock;
    }

    private record NodeKey(int level, long index) {
    }

    @Transactional(readOnly = true)
    public SelfCheckReport run() {
        Instant start = clock.instant();
        long started = System.nanoTime();
        List<Finding> findings = new ArrayList<>();

        Map<NodeKey, byte[]> storedNodes = new HashMap<>();
        jdbc.query("select level, node_index, hash from ledger_node", rs -> {
            storedNodes.put(new NodeKey(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
        });
        TreeMap<Long, StoredCheckpoint> checkpoints = new TreeMap<>();
        jdbc.query("select tree_size, root_hash, signed_note from ledger_checkpoint", rs -> {
            checkpoints.put(rs.getLong(1), new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3)));
        });
        Map<Long, byte[]> recomputedRoots = new HashMap<>();
        if (checkpoints.containsKey(0L)) {
            recomputedRoots.put(0L, new RootAccumulator().root());
        }

        RootAccumulator accumulator = new RootAccumulator();
        long[] nodesChecked = {0};
        // The heads of the latest checkpoint that commits to them are recomputed from the envelopes.
        long headsCheckpoint = checkpoints.descendingMap().values().stream()
                .filter(c -> c.signedNote().contains(HeadsTree.EXTENSION_TAG + " ")).mapToLong(StoredCheckpoint::treeSize)
                .findFirst().orElse(-1);
        Map<String, AggregateHead> heads = new HashMap<>();
        jdbc.query("""
                select l.leaf_index, l.global_index, l.event_id, l.envelope, l.leaf_hash, l.aggregate_id,
                       l.sequence_number, e.globalindex as stored,
                       %s
                from ledger_leaf l left join domainevententry e on e.globalindex = l.global_index
                order by l.leaf_index
                """.formatted(StoredEvents.COLUMNS), rs -> {
            long expectedIndex = accumulator.size();
            LeafEnvelope recorded = checkLeaf(rs, expectedIndex, findings);
            if (recorded != null && expectedIndex < headsCheckpoint) {
                heads.merge(recorded.aggregateId(), new AggregateHead(recorded.aggregateId(), recorded.sequenceNumber(),
                        expectedIndex), (a, b) -> b.lastSequence() > a.lastSequence() ? b : a);
            }
            accumulator.append(rs.getBytes("leaf_hash"), node -> {
                nodesChecked[0]++;
                byte[] stored = storedNodes.remove(new NodeKey(node.level(), node.index()));
                if (stored == null || !Arrays.equals(stored, node.hash())) {
                    findings.add(new Finding(Altered.LEDGER, node.index() << node.level(), null, null, null,
                            "ledger_node level " + node.level() + " index " + node.index() + " (leaves "
                                    + (node.index() << node.level()) + " to " + (((node.index() + 1) << node.level()) - 1)
                                    + ") " + (stored == null ? "is missing" : "does not match the leaves below it")));
                }
            });
            if (checkpoints.containsKey(accumulator.size())) {
                recomputedRoots.put(accumulator.size(), accumulator.root());
            }
        });
        storedNodes.keySet().forEach(key -> findings.add(new Finding(Altered.LEDGER, key.index() << key.level(),
                null, null, null, "ledger_node level " + key.level() + " index " + key.index()
                        + " covers leaves the ledger does not have")));

        for (StoredCheckpoint checkpoint : checkpoints.values()) {
            checkCheckpoint(checkpoint, recomputedRoots.get(checkpoint.treeSize()), findings);
        }
        if (headsCheckpoint >= 0) {
            checkHeads(checkpoints.get(headsCheckpoint), new HeadsTree(List.copyOf(heads.values())), findings);
        }
        findPassedOver(GenericEventMessage.clock.instant(), findings); // the clock events are stamped with

        long millis = (System.nanoTime() - started) / 1_000_000;
        SelfCheckReport report = new SelfCheckReport(findings.isEmpty(), accumulator.size(), nodesChecked[0],
                checkpoints.size(), List.copyOf(findings), start, millis);
        if (report.intact()) {
            log.info("Ledger self-check: intact ({} leaves, {} checkpoints, {} ms)", report.treeSize(),
                    report.checkpointsChecked(), millis);
        } else {
            log.warn("Ledger self-check: {} finding(s) over {} leaves: {}", findings.size(), report.treeSize(), findings);
        }
        return report;
    }

    /**
     * Events the ledger went past without a leaf: below the highest recorded global index, created longer
     * ago than {@link #NOT_IN_LEDGER_GRACE} (a transaction may commit after later ones; the ledger then
     * records it a little later), and no leaf names them. At most {@link #NOT_IN_LEDGER_SHOWN} are listed.
     */
    private void findPassedOver(Instant now, List<Finding> findings) {
        List<Finding> passedOver = jdbc.query("""
                select e.globalindex, e.eventidentifier, e.payloadtype from domainevententry e
                where e.globalindex < (select coalesce(max(global_index), 0) from ledger_leaf)
                  and e.timestamp::timestamptz < ?
                  and not exists (select 1 from ledger_leaf l where l.event_id = e.eventidentifier)
                order by e.globalindex limit ?
                """, (rs, n) -> new Finding(Altered.NOT_IN_LEDGER, null, rs.getLong(1), rs.getString(2), null,
                        "event " + rs.getString(2) + " (" + rs.getString(3) + ", global index " + rs.getLong(1)
                                + ") is in the event store but has no leaf, although the ledger recorded later events"),
                Timestamp.from(now.minus(NOT_IN_LEDGER_GRACE)), NOT_IN_LEDGER_SHOWN);
        findings.addAll(passedOver);
    }

    /** @return the envelope the ledger recorded, when it is readable */
    private static LeafEnvelope checkLeaf(ResultSet rs, long expectedIndex, List<Finding> findings) throws SQLException {
        long leafIndex = rs.getLong("leaf_index");
        long globalIndex = rs.getLong("global_index");
        String eventId = rs.getString("event_id");
        if (leafIndex != expectedIndex) {
            findings.add(new Finding(Altered.LEDGER, leafIndex, globalIndex, eventId, null,
                    "leaf index " + leafIndex + " where " + expectedIndex + " was expected: leaves were removed or renumbered"));
        }
        LeafEnvelope recorded;
        try {
            recorded = LeafEnvelope.decode(rs.getBytes("envelope"));
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(Altered.LEDGER, leafIndex, globalIndex, eventId, null,
                    "the stored envelope is unreadable: " + e.getMessage()));
            return null;
        }
        if (!Arrays.equals(recorded.leafHash(), rs.getBytes("leaf_hash"))) {
            findings.add(new Finding(Altered.LEDGER, leafIndex, globalIndex, eventId, null,
                    "the stored leaf hash is not the hash of the stored envelope"));
        }
        if (recorded.globalIndex() != globalIndex || !recorded.eventId().equals(eventId)) {
            findings.add(new Finding(Altered.LEDGER, leafIndex, globalIndex, eventId, null,
                    "the leaf's columns (global index " + globalIndex + ", event " + eventId
                            + ") disagree with its envelope (global index " + recorded.globalIndex() + ", event "
                            + recorded.eventId() + ")"));
        }
        if (!recorded.aggregateId().equals(rs.getString("aggregate_id"))
                || recorded.sequenceNumber() != rs.getLong("sequence_number")) {
            findings.add(new Finding(Altered.LEDGER, leafIndex, globalIndex, eventId, null,
                    "the leaf's aggregate columns (" + rs.getString("aggregate_id") + ", sequence "
                            + rs.getLong("sequence_number") + ") disagree with its envelope (" + recorded.aggregateId()
                            + ", sequence " + recorded.sequenceNumber() + "): checkpoints would commit to wrong heads"));
        }
        rs.getLong("stored");
        if (rs.wasNull()) {
            findings.add(new Finding(Altered.EVENT_STORE, leafIndex, recorded.globalIndex(), recorded.eventId(), null,
                    "event " + recorded.eventId() + " is missing from the event store (no row at global index "
                            + recorded.globalIndex() + ")"));
            return recorded;
        }
        LeafEnvelope current = StoredEvents.envelope(rs);
        List<String> differences = differences(recorded, current);
        if (!differences.isEmpty()) {
            findings.add(new Finding(Altered.EVENT_STORE, leafIndex, recorded.globalIndex(), recorded.eventId(), null,
                    "the event store row at global index " + recorded.globalIndex() + " differs from what the ledger "
                            + "recorded: " + String.join("; ", differences)));
        }
        return recorded;
    }

    private static List<String> differences(LeafEnvelope recorded, LeafEnvelope current) {
        List<String> differences = new ArrayList<>();
        if (!recorded.eventId().equals(current.eventId())) {
            differences.add("it now holds event " + current.eventId() + " instead of " + recorded.eventId());
        }
        compare(differences, "aggregate type", recorded.aggregateType(), current.aggregateType());
        compare(differences, "aggregate id", recorded.aggregateId(), current.aggregateId());
        compare(differences, "sequence number", String.valueOf(recorded.sequenceNumber()),
                String.valueOf(current.sequenceNumber()));
        compare(differences, "payload type", recorded.payloadType(), current.payloadType());
        compare(differences, "payload revision", recorded.payloadRevision(), current.payloadRevision());
        compare(differences, "timestamp", recorded.timestamp(), current.timestamp());
        compare(differences, "payload digest", HEX.formatHex(recorded.payloadSha256()), HEX.formatHex(current.payloadSha256()));
        compare(differences, "metadata digest", HEX.formatHex(recorded.metaDataSha256()),
                HEX.formatHex(current.metaDataSha256()));
        return differences;
    }

    private static void compare(List<String> differences, String field, String recorded, String current) {
        if (!recorded.equals(current)) {
            differences.add(field + " was " + recorded + ", is " + current);
        }
    }

    /** Checkpoints signed before a rotation verify with an earlier key of the published history. */
    private String verifyWithAnyLedgerKey(String note) throws InvalidProof {
        try {
            return signing.verifier().verify(note);
        } catch (InvalidProof notCurrent) {
            for (String key : jdbc.queryForList("select verifier_key from ledger_key order by position desc", String.class)) {
                try {
                    return io.ueledger.kernel.ledger.NoteVerifier.fromVerifierKey(key).verify(note);
                } catch (InvalidProof e) {
                    // try the next earlier key
                }
            }
            throw notCurrent;
        }
    }

    /** The heads the checkpoint signs are the heads its leaves give. */
    private void checkHeads(StoredCheckpoint stored, HeadsTree recomputed, List<Finding> findings) {
        try {
            Optional<HeadsTree.Commitment> signed = HeadsTree.Commitment.of(
                    Checkpoint.parse(io.ueledger.kernel.ledger.SignedNote.parse(stored.signedNote()).text()));
            HeadsTree.Commitment now = recomputed.commitment();
            if (signed.isPresent() && (signed.get().count() != now.count()
                    || !Arrays.equals(signed.get().root(), now.root()))) {
                findings.add(new Finding(Altered.LEDGER, null, null, null, stored.treeSize(), "the aggregate heads"
                        + " signed in checkpoint " + stored.treeSize() + " (" + signed.get().count() + " heads) are not"
                        + " the heads its leaves give (" + now.count() + " heads)"));
            }
        } catch (InvalidProof e) {
            findings.add(new Finding(Altered.LEDGER, null, null, null, stored.treeSize(),
                    "checkpoint " + stored.treeSize() + " has an unreadable heads line: " + e.getMessage()));
        }
    }

    private record StoredCheckpoint(long treeSize, byte[] rootHash, String signedNote) {
    }

    private void checkCheckpoint(StoredCheckpoint stored, byte[] recomputedRoot, List<Finding> findings) {
        long size = stored.treeSize();
        Checkpoint signed;
        try {
            signed = Checkpoint.parse(verifyWithAnyLedgerKey(stored.signedNote()));
        } catch (InvalidProof | IllegalArgumentException e) {
            findings.add(new Finding(Altered.LEDGER, null, null, null, size,
                    "checkpoint " + size + " does not verify with the ledger's key: " + e.getMessage()));
            return;
        }
        if (signed.size() != size || !Arrays.equals(signed.rootHash(), stored.rootHash())) {
            findings.add(new Finding(Altered.LEDGER, null, null, null, size,
                    "checkpoint " + size + "'s columns disagree with its signed note"));
        }
        if (recomputedRoot == null) {
            findings.add(new Finding(Altered.LEDGER, null, null, null, size,
                    "checkpoint " + size + " signs more leaves than the ledger has"));
        } else if (!Arrays.equals(recomputedRoot, signed.rootHash())) {
            findings.add(new Finding(Altered.LEDGER, null, null, null, size,
                    "the first " + size + " leaves no longer give the root signed in checkpoint " + size));
        }
    }
}
