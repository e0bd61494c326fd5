package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a session token was issued; the command carries only its id and hash. */
public record IssueSessionToken(
        @TargetAggregateIdentifier String enrollmentRef,
        String tokenId,
        String tokenHash,
        Instant expiresAt,
        Instant occurredAt) {
}
