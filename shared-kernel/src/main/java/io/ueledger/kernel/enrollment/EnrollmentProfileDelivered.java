package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/** Stage 4, MDM enrollment: the signed BYOD enrollment profile (EnrollmentMode BYOD, no AccessRights) was delivered. */
@Revision("1")
public record EnrollmentProfileDelivered(
        String enrollmentRef,
        String profileIdentifier,
        String profileUuid,
        String topic,
        @PersonalData String managedAppleAccount,
        String payloadDigest,
        Instant occurredAt) {
}
