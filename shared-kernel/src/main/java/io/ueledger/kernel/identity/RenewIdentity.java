package io.ueledger.kernel.identity;

import io.ueledger.kernel.mdm.ManagedContent;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start (or retry) the renewal of the device's identity certificate: queue the InstallProfile that
 * carries a fresh enrollment profile (same identifiers and Topic, a new one-time challenge for the
 * identity payload). The enrollment decides whether it is due: enrolled, its certificate inside the
 * window, no attempt waiting for the device younger than {@code retryInterval}, fewer than
 * {@code maxAttempts} attempts so far. The policy already allowed the command, as it does an
 * admin's.
 *
 * @return {@link io.ueledger.kernel.mdm.MdmCommandDecision}: queued (allowed), or why not (nothing recorded)
 */
public record RenewIdentity(
        @TargetAggregateIdentifier String enrollmentRef,
        String commandUuid,
        ManagedContent content,
        String payloadDigest,
        String requestedBy,
        Duration window,
        Duration retryInterval,
        int maxAttempts,
        Instant occurredAt) {
}
