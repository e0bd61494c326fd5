package io.ueledger.command.checkin;

/** The enrollment a request was signed for, found from the signing certificate's fingerprint. */
public record AuthenticatedDevice(String enrollmentRef, String certificateFingerprint) {
}
