package io.ueledger.query.ledger;

import org.springframework.stereotype.Component;

/**
 * The ledger's signing key for other features of this side (signed export manifests): one key
 * signs checkpoints and everything else the ledger vouches for, so an auditor needs one public key.
 * The key itself never leaves this class.
 */
@Component
public class LedgerNotary {

    private final LedgerSigning signing;

    LedgerNotary(LedgerSigning signing) {
        this.signing = signing;
    }

    /** A C2SP signed note over {@code text} (non-empty lines, each ending in a newline). */
    public String sign(String text) {
        return signing.signer().sign(text);
    }

    /** The public verifier key ({@code name+hash+base64}), as {@code GET /api/ledger/public-key} serves it. */
    public String verifierKey() {
        return signing.verifierKey();
    }

    public String origin() {
        return signing.origin();
    }
}
