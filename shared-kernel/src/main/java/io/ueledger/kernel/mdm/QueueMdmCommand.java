package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Queue an MDM command that the policy allowed; content says what it would add or remove. */
public record QueueMdmCommand(
        @TargetAggregateIdentifier String enrollmentRef,
        String commandUuid,
        String requestType,
        Channel channel,
        ManagedContent content,
        String payloadDigest,
        String requestedBy,
        String narrowing,
        Instant occurredAt) {
}
