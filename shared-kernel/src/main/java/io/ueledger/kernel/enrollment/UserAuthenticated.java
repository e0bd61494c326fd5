package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/** Stage 2, user enrollment: the user signed in at the identity provider as this Managed Apple Account. */
@Revision("1")
public record UserAuthenticated(
        String enrollmentRef,
        String identityProvider,
        @PersonalData String subject,
        @PersonalData String managedAppleAccount,
        Instant occurredAt) {
}
