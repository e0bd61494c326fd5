package io.ueledger.command.enrollment.request;

import io.ueledger.kernel.enrollment.SignerEvidence;

/**
 * An enrollment request whose signature was verified; its signer chain was judged against the
 * configured device trust anchors (the verdict is in {@code signerEvidence}).
 *
 * @param machineInfo    what the device says about itself
 * @param signerSubject  subject of the device certificate that signed the request
 * @param bodyDigest     SHA-256 of the whole body, hex: the device repeats the same body after
 *                       sign-in, so this ties the second POST to the first without storing it
 * @param signerEvidence the signer chain and its verdict, recorded in EnrollmentRequested
 */
public record EnrollmentRequest(MachineInfo machineInfo, String signerSubject, String bodyDigest,
                                SignerEvidence signerEvidence) {
}
