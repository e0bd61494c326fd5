package io.ueledger.command.enrollment.profile;

/** How the enrollment profile lets the device obtain its identity certificate. */
public sealed interface IdentityPayload {

    /** {@code com.apple.security.scep} with a one-time challenge. */
    record Scep(String challenge) implements IdentityPayload {
    }

    /**
     * {@code com.apple.security.acme} with a one-time ClientIdentifier.
     *
     * @param hardwareBound the key is made in the Secure Enclave
     * @param attest        the device attests the key (device-attest-01 with Apple's attestation)
     */
    record Acme(String clientIdentifier, boolean hardwareBound, boolean attest) implements IdentityPayload {
    }
}
