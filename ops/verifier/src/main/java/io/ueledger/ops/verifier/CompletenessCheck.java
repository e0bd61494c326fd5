package io.ueledger.ops.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.ledger.AggregateHead;
import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.HeadsTree;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.ProofVerifier;
import io.ueledger.kernel.export.BundleLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves that a bundle left no event of its enrollments out: each enrollment's events are
 * contiguous from sequence 0, and the last one is the head the signed checkpoint commits to (its
 * {@code ue-ledger/aggregate-heads/v1} extension line), proved by an inclusion proof in the heads tree.
 * A time-range bundle is a slice by design: there only contiguity within the range is checked.
 */
final class CompletenessCheck {

    private final Verification result;
    private final ObjectMapper json = new ObjectMapper();

    CompletenessCheck(Verification result) {
        this.result = result;
    }

    void check(JsonNode manifest, byte[] completenessFile, Optional<Checkpoint> checkpoint,
               Map<String, List<BundleVerifier.Position>> histories) {
        if (manifest == null) {
            return;
        }
        boolean range = "range".equals(manifest.path("scope").asText());
        boolean contiguous = true;
        for (Map.Entry<String, List<BundleVerifier.Position>> history : histories.entrySet()) {
            contiguous &= contiguous(history.getKey(), history.getValue(), !range);
        }
        if (range) {
            if (contiguous) {
                result.passed("completeness: a time-range bundle is a slice; within it the events of each of the "
                        + histories.size() + " enrollments are contiguous");
            }
            return;
        }
        if (completenessFile == null) {
            result.fail("bundle", "it has no " + BundleLayout.COMPLETENESS + ", so nothing shows that the last events"
                    + " of its enrollments are in it");
            return;
        }
        if (checkpoint.isEmpty()) {
            return;
        }
        Optional<HeadsTree.Commitment> commitment;
        try {
            commitment = HeadsTree.Commitment.of(checkpoint.get());
        } catch (InvalidProof e) {
            result.fail(BundleLayout.CHECKPOINT, e.getMessage());
            return;
        }
        if (commitment.isEmpty()) {
            result.fail(BundleLayout.CHECKPOINT, "it has no " + HeadsTree.EXTENSION_TAG + " line, so it commits to"
                    + " no enrollment's last event and completeness cannot be proven");
            return;
        }
        JsonNode file;
        try {
            file = json.readTree(completenessFile);
        } catch (IOException e) {
            result.fail(BundleLayout.COMPLETENESS, "not valid JSON");
            return;
        }
        Map<String, JsonNode> heads = new LinkedHashMap<>();
        file.path("heads").forEach(h -> heads.put(h.path("aggregateId").asText(), h));
        int proven = 0;
        for (Map.Entry<String, List<BundleVerifier.Position>> history : histories.entrySet()) {
            JsonNode head = heads.remove(history.getKey());
            if (head == null) {
                result.fail(BundleLayout.COMPLETENESS, "it has no head for enrollment " + history.getKey()
                        + ", so nothing shows the bundle holds its last event");
            } else if (headProven(history.getKey(), head, commitment.get()) && endsAtHead(history, head) && contiguous) {
                proven++;
            }
        }
        heads.keySet().forEach(id -> result.fail(BundleLayout.COMPLETENESS, "it has the head of enrollment " + id
                + ", but " + BundleLayout.EVENTS + " has none of its events: they were all left out"));
        if (proven == histories.size() && heads.isEmpty() && proven > 0) {
            result.passed("completeness: for each of the " + proven + " enrollments, every event from sequence 0 to"
                    + " its last one at the checkpoint (proven in the checkpoint's heads tree of "
                    + commitment.get().count() + ") is in the bundle");
        }
    }

    /** Sequence numbers follow one another without gap (from 0 when the bundle claims the whole history). */
    private boolean contiguous(String aggregateId, List<BundleVerifier.Position> events, boolean fromZero) {
        long expected = fromZero ? 0 : events.get(0).sequence();
        for (BundleVerifier.Position event : events) {
            if (event.sequence() != expected) {
                result.fail(event.where(), "enrollment " + aggregateId + " jumps to sequence " + event.sequence()
                        + " where " + expected + " comes next: " + (event.sequence() > expected
                        ? "event(s) " + expected + (event.sequence() - 1 > expected ? " to " + (event.sequence() - 1) : "")
                        + " were left out" : "an event is repeated or out of order"));
                return false;
            }
            expected++;
        }
        return true;
    }

    private boolean headProven(String aggregateId, JsonNode node, HeadsTree.Commitment commitment) {
        try {
            AggregateHead head = new AggregateHead(aggregateId, node.path("lastSequence").asLong(-1),
                    node.path("leafIndex").asLong(-1));
            List<byte[]> path = new ArrayList<>();
            node.path("auditPath").forEach(h -> path.add(Base64.getDecoder().decode(h.asText())));
            ProofVerifier.verifyInclusion(node.path("index").asLong(-1), commitment.count(), head.leafHash(), path,
                    commitment.root());
            return true;
        } catch (InvalidProof | IllegalArgumentException e) {
            result.fail(BundleLayout.COMPLETENESS, "the head of enrollment " + aggregateId + " (last sequence "
                    + node.path("lastSequence").asText() + ", leaf " + node.path("leafIndex").asText() + ") is not"
                    + " proven in the heads tree the checkpoint signs: " + e.getMessage());
            return false;
        }
    }

    private boolean endsAtHead(Map.Entry<String, List<BundleVerifier.Position>> history, JsonNode head) {
        BundleVerifier.Position last = history.getValue().get(history.getValue().size() - 1);
        long lastSequence = head.path("lastSequence").asLong();
        long leafIndex = head.path("leafIndex").asLong();
        if (last.sequence() < lastSequence) {
            result.fail(BundleLayout.EVENTS, "enrollment " + history.getKey() + " ends at sequence " + last.sequence()
                    + ", but the checkpoint says its last event is sequence " + lastSequence + " (leaf " + leafIndex
                    + "): its last " + (lastSequence - last.sequence()) + " event(s) were left out");
            return false;
        }
        if (last.sequence() != lastSequence || last.leafIndex() != leafIndex) {
            result.fail(last.where(), "enrollment " + history.getKey() + " ends at sequence " + last.sequence()
                    + " (leaf " + last.leafIndex() + "), but the checkpoint says its last event is sequence "
                    + lastSequence + " at leaf " + leafIndex);
            return false;
        }
        return true;
    }
}
