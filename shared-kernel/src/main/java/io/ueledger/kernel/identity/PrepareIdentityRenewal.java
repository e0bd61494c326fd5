package io.ueledger.kernel.identity;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask the enrollment whether an identity renewal attempt is due now (nothing is recorded). The
 * answer is the Managed Apple Account the renewal profile must name, or null when none is due; the
 * renewal itself ({@link RenewIdentity}) decides again.
 */
public record PrepareIdentityRenewal(
        @TargetAggregateIdentifier String enrollmentRef,
        Duration window,
        Duration retryInterval,
        Instant occurredAt) {
}
