package io.ueledger.query.ledger;

import io.ueledger.kernel.ledger.NoteSigner;
import io.ueledger.kernel.ledger.NoteVerifier;

/**
 * The checkpoint origin and signing key, loaded once at start.
 *
 * @param origin the origin line of every checkpoint
 * @param signer the checkpoint key
 */
record LedgerSigning(String origin, NoteSigner signer) {

    /** The public verifier key string auditors download ({@code name+hash+base64 key}). */
    String verifierKey() {
        return signer.verifierKey();
    }

    NoteVerifier verifier() {
        return NoteVerifier.fromVerifierKey(signer.verifierKey());
    }
}
