package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The second enrollment POST carried a valid token: the BYOD enrollment profile is sent. */
public record DeliverEnrollmentProfile(
        @TargetAggregateIdentifier String enrollmentRef,
        String tokenId,
        String profileIdentifier,
        String profileUuid,
        String topic,
        String payloadDigest,
        Instant occurredAt) {
}
