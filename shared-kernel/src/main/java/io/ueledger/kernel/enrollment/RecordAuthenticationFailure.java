package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sign-in at the identity provider failed or was cancelled; no token is issued. */
public record RecordAuthenticationFailure(
        @TargetAggregateIdentifier String enrollmentRef,
        String identityProvider,
        String reason,
        Instant occurredAt) {
}
