package io.ueledger.query.ledger;

import org.springframework.stereotype.Component;

/**
 * The public half of the checkpoint key and the log's origin, for readers in this process (the web
 * console verifies checkpoints and proofs with it, as an outside auditor would). The signing half
 * stays inside {@link LedgerSigning}.
 */
@Component
public class LedgerPublicKey {

    private final LedgerSigning signing;

    LedgerPublicKey(LedgerSigning signing) {
        this.signing = signing;
    }

    public String origin() {
        return signing.origin();
    }

    /** {@code name+hash+base64(0x01 || Ed25519 public key)}, the same string {@code GET /api/ledger/public-key} serves. */
    public String verifierKey() {
        return signing.verifierKey();
    }
}
