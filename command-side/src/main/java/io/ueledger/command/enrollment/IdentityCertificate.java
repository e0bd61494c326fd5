package io.ueledger.command.enrollment;

import java.time.Instant;

/** One identity certificate of the device, as far as the enrollment's decisions need it. */
record IdentityCertificate(String serialNumber, String fingerprint, Instant notAfter) {
}
