package io.ueledger.kernel.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop new enrollments with this account; existing enrollments are not touched by this command. */
public record DeactivateManagedAppleAccount(
        @TargetAggregateIdentifier String accountId,
        String deactivatedBy,
        String reason,
        Instant occurredAt) {
}
