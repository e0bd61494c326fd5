package io.ueledger.ops.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.KeyRotation;
import io.ueledger.kernel.ledger.NoteVerifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the ledger's key history (the JSON of {@code GET /api/ledger/keys}) from the key the
 * auditor trusts: every later key counts only if the key before it signed a rotation statement
 * naming it. Keys before the trusted one are ignored; a history that does not hold the trusted key,
 * or a statement that does not verify, stops the walk with a message.
 */
final class KeyChain {

    /**
     * One key reached; {@code lastTreeSize} is the largest tree size it may sign (its rotation
     * statement's {@code last-tree-size}), or -1 for the newest key, which has no limit.
     */
    record Link(NoteVerifier key, long lastTreeSize) {
        boolean mayHaveSigned(long treeSize) {
            return lastTreeSize < 0 || treeSize <= lastTreeSize;
        }
    }

    /** The trusted key and every key reached from it, oldest first, and what was followed. */
    record Followed(List<Link> links, List<String> steps) {
        static Followed trusting(NoteVerifier key) {
            return new Followed(List.of(new Link(key, -1)), List.of());
        }

        NoteVerifier newest() {
            return links.get(links.size() - 1).key();
        }
    }

    private KeyChain() {
    }

    static Followed follow(String trustedKey, byte[] history) throws InvalidProof {
        JsonNode keys;
        try {
            keys = new ObjectMapper().readTree(history).path("keys");
        } catch (IOException e) {
            throw new InvalidProof("the key history is not JSON");
        }
        String current = trustedKey.strip();
        List<Link> reached = new ArrayList<>(List.of(new Link(NoteVerifier.fromVerifierKey(current), -1)));
        List<String> steps = new ArrayList<>();
        boolean found = false;
        for (JsonNode key : keys) {
            String verifierKey = key.path("verifierKey").asText();
            if (!found) {
                found = verifierKey.equals(current);
                continue;
            }
            if (!key.hasNonNull("rotationNote")) {
                throw new InvalidProof("key " + verifierKey + " follows " + current + " in the history"
                        + " without a rotation statement");
            }
            KeyRotation rotation = KeyRotation.verify(key.path("rotationNote").asText(),
                    reached.get(reached.size() - 1).key(), current);
            if (!rotation.newKey().equals(verifierKey)) {
                throw new InvalidProof("the rotation statement names " + rotation.newKey() + ", but the history"
                        + " lists " + verifierKey);
            }
            steps.add("rotation after tree size " + rotation.lastTreeSize() + ": " + current + " signed the statement"
                    + " naming " + verifierKey);
            Link retired = reached.remove(reached.size() - 1);
            reached.add(new Link(retired.key(), rotation.lastTreeSize()));
            reached.add(new Link(NoteVerifier.fromVerifierKey(verifierKey), -1));
            current = verifierKey;
        }
        if (!found) {
            throw new InvalidProof("the key history does not hold the key you trust (" + trustedKey.strip() + ")");
        }
        return new Followed(reached, steps);
    }
}
