package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import io.ueledger.kernel.privacy.PersonalData;

/** Stage 3, session token: issued to the device for ongoing authentication (id and hash only, never the token). */
@Revision("1")
public record SessionTokenIssued(
        String enrollmentRef,
        String tokenId,
        String tokenHash,
        @PersonalData String managedAppleAccount,
        Instant expiresAt,
        Instant occurredAt) {
}
