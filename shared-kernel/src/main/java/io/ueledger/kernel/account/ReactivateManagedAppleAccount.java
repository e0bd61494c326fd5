package io.ueledger.kernel.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Allow a deactivated account to enroll devices again. */
public record ReactivateManagedAppleAccount(
        @TargetAggregateIdentifier String accountId,
        String reactivatedBy,
        String reason,
        Instant occurredAt) {
}
