package io.ueledger.kernel.unenrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An admin asked to unenroll the device, with a reason; RemoveProfile of the enrollment profile is queued. */
@Revision("1")
public record UnenrollmentRequested(
        String enrollmentRef,
        String requestedBy,
        String reason,
        String removeProfileCommandUuid,
        String enrollmentProfileIdentifier,
        Instant occurredAt) {
}
