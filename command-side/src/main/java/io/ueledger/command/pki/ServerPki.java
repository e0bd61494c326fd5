package io.ueledger.command.pki;

/**
 * The server's three identities.
 *
 * @param deviceIdentityCa  issues device identity certificates (SCEP) and signs SCEP replies
 * @param profileSigner     signs enrollment profiles; its certificate is issued by the device CA
 * @param simulatedDeviceCa stands in for Apple's device CA: the simulator's devices get their
 *                          identities from it. Trusted for enrollment requests only when no
 *                          device trust anchor is configured (the embedded default)
 */
public record ServerPki(Identity deviceIdentityCa, Identity profileSigner, Identity simulatedDeviceCa) {
}
