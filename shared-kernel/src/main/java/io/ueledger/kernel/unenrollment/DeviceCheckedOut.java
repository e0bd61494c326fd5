package io.ueledger.kernel.unenrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The user removed the enrollment on the device and it said so (CheckOut). */
@Revision("1")
public record DeviceCheckedOut(
        String enrollmentRef,
        String enrollmentId,
        Instant occurredAt) {
}
