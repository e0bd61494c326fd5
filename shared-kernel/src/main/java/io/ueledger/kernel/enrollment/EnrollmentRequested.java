package io.ueledger.kernel.enrollment;

import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/** Stage 1, service discovery: the device identified itself with a signed MachineInfo at the BaseURL. */
@Revision("1")
public record EnrollmentRequested(
        String enrollmentRef,
        String userIdentifierDomain,
        String modelFamily,
        Platform platform,
        String product,
        String osVersion,
        String osBuild,
        @PersonalData String language,
        String signerSubject,
        String bodyDigest,
        Instant occurredAt) {
}
