package io.ueledger.ops.console.ledger;

import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.kernel.ledger.ProofVerifier;
import io.ueledger.query.ledger.LedgerProofs;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * An inclusion proof checked in the console, trusting nothing the server sent except the public
 * key: the checkpoint's signature is verified, the leaf hash is recomputed from the envelope, and
 * the audit path must lead from that leaf to the signed root ({@link ProofVerifier}).
 *
 * @param problem why the proof does not verify; null when it does
 */
public record InclusionCheck(String eventId, long leafIndex, long treeSize, int auditPathLength,
                             LedgerProofs.EnvelopeView envelope, String problem) {

    public boolean verified() {
        return problem == null;
    }

    public static InclusionCheck of(LedgerProofs.Inclusion proof, NoteVerifier verifier) {
        return new InclusionCheck(proof.eventId(), proof.leafIndex(), proof.treeSize(), proof.auditPath().size(),
                proof.envelope(), problem(proof, verifier));
    }

    private static String problem(LedgerProofs.Inclusion proof, NoteVerifier verifier) {
        Base64.Decoder base64 = Base64.getDecoder();
        try {
            if (proof.checkpoint() == null) {
                return "no signed checkpoint of tree size " + proof.treeSize() + " exists to verify against";
            }
            Checkpoint checkpoint = Checkpoint.parse(verifier.verify(proof.checkpoint()));
            LeafEnvelope envelope = LeafEnvelope.decode(base64.decode(proof.encodedEnvelope()));
            if (!envelope.eventId().equals(proof.eventId())) {
                return "the leaf's envelope is of event " + envelope.eventId() + ", not of " + proof.eventId();
            }
            byte[] leafHash = envelope.leafHash();
            if (!MessageDigest.isEqual(leafHash, base64.decode(proof.leafHash()))) {
                return "the leaf hash sent with the proof is not the hash of the envelope";
            }
            List<byte[]> path = proof.auditPath().stream().map(base64::decode).toList();
            ProofVerifier.verifyInclusion(proof.leafIndex(), checkpoint.size(), leafHash, path, checkpoint.rootHash());
            return null;
        } catch (InvalidProof | IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
