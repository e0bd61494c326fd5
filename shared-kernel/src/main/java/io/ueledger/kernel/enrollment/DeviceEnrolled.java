package io.ueledger.kernel.enrollment;

import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/** The first TokenUpdate after Authenticate: the device is enrolled and can be managed. */
@Revision("1")
public record DeviceEnrolled(
        String enrollmentRef,
        String enrollmentId,
        Platform platform,
        String osVersion,
        @PersonalData String managedAppleAccount,
        Instant occurredAt) {
}
