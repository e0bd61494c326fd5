package io.ueledger.kernel.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The identity certificate a renewal replaced is no longer accepted for check-in or the command channel. */
@Revision("1")
public record IdentityCertificateRetired(
        String enrollmentRef,
        String serialNumber,
        String sha256Fingerprint,
        IdentityRetirement reason,
        Instant occurredAt) {
}
