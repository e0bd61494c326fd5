package io.ueledger.kernel.unenrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Check-in CheckOut: the user removed the enrollment on the device. */
public record CheckOutDevice(
        @TargetAggregateIdentifier String enrollmentRef,
        String enrollmentId,
        Instant occurredAt) {
}
