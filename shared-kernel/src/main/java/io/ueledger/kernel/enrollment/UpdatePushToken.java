package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Check-in TokenUpdate: the device's APNs token and PushMagic, carried here only as hashes. */
public record UpdatePushToken(
        @TargetAggregateIdentifier String enrollmentRef,
        String enrollmentId,
        Channel channel,
        String topic,
        String tokenHash,
        String pushMagicHash,
        Instant occurredAt) {
}
