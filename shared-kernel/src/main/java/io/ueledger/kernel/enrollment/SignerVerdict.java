package io.ueledger.kernel.enrollment;

/** What the server could establish about the certificate that signed an enrollment request. */
public enum SignerVerdict {
    /** The signer chains, valid at the time of the request, to one of the configured device trust anchors. */
    TRUSTED,
    /** The signature is intact, but the signer does not chain to a configured anchor (or was not valid then). */
    UNTRUSTED,
    /** Recorded before revision 3 of EnrollmentRequested: the chain was not kept (the request passed the then-mandatory trust gate). */
    NOT_RECORDED
}
