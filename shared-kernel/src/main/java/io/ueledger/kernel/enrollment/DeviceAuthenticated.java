package io.ueledger.kernel.enrollment;

import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Check-in Authenticate accepted: the device's EnrollmentID is attached to this enrollment. */
@Revision("1")
public record DeviceAuthenticated(
        String enrollmentRef,
        String enrollmentId,
        Channel channel,
        Platform platform,
        String productName,
        String osVersion,
        String buildVersion,
        Instant occurredAt) {
}
