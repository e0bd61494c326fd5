package io.ueledger.kernel.identity;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stop accepting the identity certificate a renewal replaced: the device has used its new one, or
 * the old one expired. Repeating it changes nothing.
 */
public record RetireIdentityCertificate(
        @TargetAggregateIdentifier String enrollmentRef,
        String sha256Fingerprint,
        IdentityRetirement reason,
        Instant occurredAt) {
}
