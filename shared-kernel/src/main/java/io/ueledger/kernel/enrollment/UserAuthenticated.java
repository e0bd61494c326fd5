package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Stage 2, user enrollment: the user signed in at the identity provider as this Managed Apple Account. */
@Revision("1")
public record UserAuthenticated(
        String enrollmentRef,
        String identityProvider,
        String subject,
        String managedAppleAccount,
        Instant occurredAt) {
}
