package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The identity provider confirmed who the user is and the Managed Apple Account they enroll with. */
public record RecordUserAuthentication(
        @TargetAggregateIdentifier String enrollmentRef,
        String identityProvider,
        String subject,
        String managedAppleAccount,
        Instant occurredAt) {
}
