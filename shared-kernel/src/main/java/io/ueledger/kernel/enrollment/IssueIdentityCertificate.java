package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device completed SCEP: record the certificate our CA issued to it. */
public record IssueIdentityCertificate(
        @TargetAggregateIdentifier String enrollmentRef,
        String serialNumber,
        String sha256Fingerprint,
        String subject,
        Instant notAfter,
        Instant occurredAt) {
}
