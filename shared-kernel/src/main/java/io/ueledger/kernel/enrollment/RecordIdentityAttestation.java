package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device answered the ACME device-attest-01 challenge: record what its attestation proved. */
public record RecordIdentityAttestation(
        @TargetAggregateIdentifier String enrollmentRef,
        String format,
        String verdict,
        String note,
        String attestedKeySha256,
        Instant occurredAt) {
}
