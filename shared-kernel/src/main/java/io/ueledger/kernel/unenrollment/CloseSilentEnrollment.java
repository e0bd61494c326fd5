package io.ueledger.kernel.unenrollment;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes an enrollment whose unenrollment is pending and whose device has said nothing for the
 * silence period (SPEC section 9: CheckOut is best effort, so long silence is a sign the device left).
 * A scheduler proposes it; the enrollment decides from its own record of the device's last contact.
 */
public record CloseSilentEnrollment(
        @TargetAggregateIdentifier String enrollmentRef,
        Duration silencePeriod,
        Instant occurredAt) {
}
