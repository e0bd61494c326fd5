package io.ueledger.ops.console.ledger;

import io.ueledger.kernel.ledger.Checkpoint;
import io.ueledger.kernel.ledger.InvalidProof;
import io.ueledger.kernel.ledger.NoteVerifier;
import io.ueledger.kernel.ledger.SignedNote;
import io.ueledger.query.ledger.LedgerCheckpoint;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A signed checkpoint as the ledger page shows it, checked the way an auditor would: the signature
 * against the published key, and the signed text against the size and root the ledger reports.
 * The page says "verified" only when both hold.
 *
 * @param signatureLines the note's signature lines, as published
 * @param problem        why it does not verify; null when it does
 */
public record CheckpointCheck(String origin, long treeSize, String rootHash, Instant createdAt,
                              List<String> signatureLines, String signedNote, String problem) {

    public boolean verified() {
        return problem == null;
    }

    public static CheckpointCheck of(LedgerCheckpoint checkpoint, NoteVerifier verifier) {
        String note = checkpoint.signedNote();
        List<String> signatureLines = note.lines().filter(line -> line.startsWith(SignedNote.SIGNATURE_PREFIX)).toList();
        return new CheckpointCheck(checkpoint.origin(), checkpoint.treeSize(), checkpoint.rootHash(),
                checkpoint.createdAt(), signatureLines, note, problem(checkpoint, verifier));
    }

    private static String problem(LedgerCheckpoint checkpoint, NoteVerifier verifier) {
        try {
            Checkpoint signed = Checkpoint.parse(verifier.verify(checkpoint.signedNote()));
            if (!signed.origin().equals(checkpoint.origin()) || signed.size() != checkpoint.treeSize()
                    || !Base64.getEncoder().encodeToString(signed.rootHash()).equals(checkpoint.rootHash())) {
                return "the signature is valid, but the signed text says " + signed
                        + ", not what the ledger reports for this checkpoint";
            }
            return null;
        } catch (InvalidProof e) {
            return e.getMessage();
        }
    }
}
