package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Sign-in at the identity provider failed or was cancelled; no token was issued. */
@Revision("1")
public record UserAuthenticationFailed(
        String enrollmentRef,
        String identityProvider,
        String reason,
        Instant occurredAt) {
}
