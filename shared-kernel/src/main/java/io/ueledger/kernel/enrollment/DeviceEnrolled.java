package io.ueledger.kernel.enrollment;

import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The first TokenUpdate after Authenticate: the device is enrolled and can be managed. */
@Revision("1")
public record DeviceEnrolled(
        String enrollmentRef,
        String enrollmentId,
        Platform platform,
        String osVersion,
        String managedAppleAccount,
        Instant occurredAt) {
}
