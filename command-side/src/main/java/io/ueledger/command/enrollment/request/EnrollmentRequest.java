package io.ueledger.command.enrollment.request;

/**
 * An enrollment request whose signature and certificate chain were verified.
 *
 * @param machineInfo   what the device says about itself
 * @param signerSubject subject of the device certificate that signed the request
 * @param bodyDigest    SHA-256 of the whole body, hex: the device repeats the same body after
 *                      sign-in, so this ties the second POST to the first without storing it
 */
public record EnrollmentRequest(MachineInfo machineInfo, String signerSubject, String bodyDigest) {
}
