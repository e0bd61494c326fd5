package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A check-in message that User Enrollment does not allow was refused and nothing was done with it. */
@Revision("1")
public record CheckInMessageRefused(
        String enrollmentRef,
        String messageType,
        Channel channel,
        String reason,
        Instant occurredAt) {
}
