package io.ueledger.kernel.push;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * APNs refused a push to the channel's current device token. {@code Unregistered} is a sign the
 * device left management without a CheckOut (SPEC section 9); this event only records it.
 */
@Revision("1")
public record PushRejected(
        String enrollmentRef,
        Channel channel,
        String reason,
        String tokenHash,
        Instant apnsTimestamp,
        Instant occurredAt) {
}
