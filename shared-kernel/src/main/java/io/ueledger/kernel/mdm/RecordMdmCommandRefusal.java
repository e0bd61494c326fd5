package io.ueledger.kernel.mdm;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the User Enrollment policy refused an MDM command; nothing is queued. */
public record RecordMdmCommandRefusal(
        @TargetAggregateIdentifier String enrollmentRef,
        String requestType,
        String requestedBy,
        String rule,
        String source,
        String reason,
        Instant occurredAt) {
}
