package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device polled the command channel (Idle or after a result): hand it the next outstanding command, if any. After a NotNow the deferred commands are skipped, as the device will poll again by itself. */
public record DeliverNextMdmCommand(
        @TargetAggregateIdentifier String enrollmentRef,
        String enrollmentId,
        Channel channel,
        boolean skipDeferred,
        Instant occurredAt) {
}
