package io.ueledger.ops.owner;

import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.ops.console.ledger.CheckpointCheck;
import io.ueledger.ops.console.ledger.InclusionCheck;
import io.ueledger.query.ledger.LedgerCheckpoints;
import io.ueledger.query.ledger.LedgerProofs;
import io.ueledger.query.ledger.LedgerPublicKey;
import io.ueledger.query.ledger.LedgerRequestRefused;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the owner's page checks before it says "proved": the latest signed checkpoint's signature
 * against the organisation's published key, and for every event the page shows, that the event is
 * in the ledger under that checkpoint (its leaf hash recomputed from the event's envelope, the
 * audit path leading to the signed root). The same checks as the console's ledger page and the
 * offline verifier, done by this server; the downloadable bundle lets anyone repeat them elsewhere.
 */
@Component
class OwnerProof {

    /**
     * The outcome of one event's check: verified, not covered by a checkpoint yet, or failed (with why);
     * with the proof itself, which the page hands the browser to check again on its own.
     */
    public record EventCheck(String state, String problem, LedgerProofs.Inclusion inclusion) {

        public boolean verified() {
            return "verified".equals(state);
        }
    }

    /**
     * @param checkpoint the latest signed checkpoint as checked; null when none is signed yet
     * @param events     event id to its check
     */
    public record Result(String publicKey, CheckpointCheck checkpoint, Map<String, EventCheck> events) {

        public long verifiedEvents() {
            return events.values().stream().filter(EventCheck::verified).count();
        }

        public long pendingEvents() {
            return events.values().stream().filter(c -> c.state().equals("pending")).count();
        }

        public long failedEvents() {
            return events.values().stream().filter(c -> c.state().equals("failed")).count();
        }

        public boolean allVerified() {
            return checkpoint != null && checkpoint.verified() && verifiedEvents() == events.size();
        }
    }

    /**
     * What the browser needs to repeat the checks itself, as JSON: the published key, the latest signed
     * checkpoint, and for each event the envelope bytes, leaf index, tree size and audit path.
     */
    static Map<String, Object> forBrowser(Result result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verifierKey", result.publicKey());
        data.put("checkpoint", result.checkpoint() == null ? null : result.checkpoint().signedNote());
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        result.events().forEach((eventId, check) -> {
            if (check.inclusion() != null) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("eventId", eventId);
                event.put("leafIndex", check.inclusion().leafIndex());
                event.put("treeSize", check.inclusion().treeSize());
                event.put("envelope", check.inclusion().encodedEnvelope());
                event.put("auditPath", check.inclusion().auditPath());
                events.add(event);
            }
        });
        data.put("events", events);
        return data;
    }

    private final LedgerCheckpoints checkpoints;
    private final LedgerProofs proofs;
    private final LedgerPublicKey publicKey;

    OwnerProof(LedgerCheckpoints checkpoints, LedgerProofs proofs, LedgerPublicKey publicKey) {
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.publicKey = publicKey;
    }

    Result check(List<String> eventIds) {
        NoteVerifier verifier = NoteVerifier.fromVerifierKey(publicKey.verifierKey());
        CheckpointCheck checkpoint = checkpoints.latest().map(c -> CheckpointCheck.of(c, verifier)).orElse(null);
        Map<String, EventCheck> events = new LinkedHashMap<>();
        for (String eventId : eventIds) {
            events.put(eventId, checkpoint == null ? new EventCheck("pending", "no signed checkpoint yet", null)
                    : checkEvent(eventId, checkpoint.treeSize(), verifier));
        }
        return new Result(publicKey.verifierKey(), checkpoint, events);
    }

    /** Against the very checkpoint the page shows, so the browser gets proofs of the size it verifies. */
    private EventCheck checkEvent(String eventId, long treeSize, NoteVerifier verifier) {
        try {
            LedgerProofs.Inclusion inclusion = proofs.inclusion(eventId, treeSize);
            InclusionCheck check = InclusionCheck.of(inclusion, verifier);
            return check.verified() ? new EventCheck("verified", null, inclusion)
                    : new EventCheck("failed", check.problem(), inclusion);
        } catch (LedgerRequestRefused notYet) {
            return new EventCheck("pending", "not in a signed checkpoint yet; the next one is signed within minutes",
                    null);
        }
    }
}
