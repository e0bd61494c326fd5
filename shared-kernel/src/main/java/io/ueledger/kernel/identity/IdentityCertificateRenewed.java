package io.ueledger.kernel.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The device obtained its renewed identity certificate. Until the old one is retired
 * ({@link IdentityCertificateRetired}) both are accepted.
 */
@Revision("1")
public record IdentityCertificateRenewed(
        String enrollmentRef,
        String oldSerialNumber,
        String oldSha256Fingerprint,
        Instant oldNotAfter,
        String serialNumber,
        String sha256Fingerprint,
        String subject,
        Instant notAfter,
        Instant occurredAt) {
}
