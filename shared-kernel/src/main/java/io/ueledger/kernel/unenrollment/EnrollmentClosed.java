package io.ueledger.kernel.unenrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The enrollment is over; nothing more can be sent to it. */
@Revision("1")
public record EnrollmentClosed(
        String enrollmentRef,
        ClosureReason reason,
        Instant occurredAt) {
}
