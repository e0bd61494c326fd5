package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A check-in message that a user-enrolled device must not send (UserAuthenticate, bootstrap tokens…) was refused. */
public record RecordRefusedCheckIn(
        @TargetAggregateIdentifier String enrollmentRef,
        String messageType,
        Channel channel,
        String reason,
        Instant occurredAt) {
}
