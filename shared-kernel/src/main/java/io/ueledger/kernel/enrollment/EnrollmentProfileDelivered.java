package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Stage 4, MDM enrollment: the signed BYOD enrollment profile (EnrollmentMode BYOD, no AccessRights) was delivered. */
@Revision("1")
public record EnrollmentProfileDelivered(
        String enrollmentRef,
        String profileIdentifier,
        String profileUuid,
        String topic,
        String managedAppleAccount,
        String payloadDigest,
        Instant occurredAt) {
}
