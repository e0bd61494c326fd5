package io.ueledger.kernel.unenrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin unenrolls the device: RemoveProfile of the enrollment profile is queued. */
public record RequestUnenrollment(
        @TargetAggregateIdentifier String enrollmentRef,
        String requestedBy,
        String reason,
        String removeProfileCommandUuid,
        Instant occurredAt) {
}
