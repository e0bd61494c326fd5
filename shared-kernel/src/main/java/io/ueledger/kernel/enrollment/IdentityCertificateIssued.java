package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The device identity certificate our CA issued for this enrollment (serial, fingerprint, expiry). */
@Revision("1")
public record IdentityCertificateIssued(
        String enrollmentRef,
        String serialNumber,
        String sha256Fingerprint,
        String subject,
        Instant notAfter,
        Instant occurredAt) {
}
