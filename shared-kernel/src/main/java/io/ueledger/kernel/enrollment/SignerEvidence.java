package io.ueledger.kernel.enrollment;

import java.util.List;

/**
 * The signer of an enrollment request and what the server concluded about it (evidence, and a gate
 * only when {@code gated}). Apple does not document which CA signs an account-driven enrollment
 * request, so by default the server records rather than refuses.
 *
 * @param verdict trusted or not against the anchors configured when the request arrived
 * @param reason  why, in words: the anchor reached, or what the path check said
 * @param chain   the signer first, then each issuer found in the request up to (not including) the anchor
 * @param anchor  subject of the anchor the chain reached, or null
 * @param gated   true when {@code require-trusted-signer} was on (an untrusted signer would have been refused)
 */
public record SignerEvidence(
        SignerVerdict verdict,
        String reason,
        List<SignerCertificate> chain,
        String anchor,
        boolean gated) {

    public SignerEvidence {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /** For events written before the evidence existed. */
    public static SignerEvidence notRecorded() {
        return new SignerEvidence(SignerVerdict.NOT_RECORDED, "recorded before the signer chain was kept; the request "
                + "passed the trust gate that was mandatory then", List.of(), null, true);
    }

    public String subject() {
        return chain.isEmpty() ? null : chain.get(0).subject();
    }
}
