package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Check-in Authenticate: the device names its EnrollmentID (never a UDID) and OS. */
public record AuthenticateDevice(
        @TargetAggregateIdentifier String enrollmentRef,
        String enrollmentId,
        Channel channel,
        String productName,
        String osVersion,
        String buildVersion,
        Instant occurredAt) {
}
