package io.ueledger.kernel.enrollment;

import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/**
 * Stage 1, service discovery: the device identified itself with a signed MachineInfo at the BaseURL.
 *
 * <p>Revision 2 renamed {@code signerSubject} to {@code deviceCertificateSubject}: it is the subject
 * of the device certificate that signed the request, and "signer" was read as our profile signer.
 * Revision 1 events are upcast when read (EnrollmentRequestedUpcaster, command side).
 */
@Revision("2")
public record EnrollmentRequested(
        String enrollmentRef,
        String userIdentifierDomain,
        String modelFamily,
        Platform platform,
        String product,
        String osVersion,
        String osBuild,
        @PersonalData String language,
        String deviceCertificateSubject,
        String bodyDigest,
        Instant occurredAt) {
}
