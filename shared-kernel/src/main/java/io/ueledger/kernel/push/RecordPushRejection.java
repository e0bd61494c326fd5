package io.ueledger.kernel.push;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * APNs refused a push to one channel of the enrollment for a reason that concerns the device token
 * (for example {@code Unregistered} or {@code BadDeviceToken}).
 *
 * @param tokenHash      SHA-256 (hex) of the device token the push went to, so a rejection of a token
 *                       the device has since replaced can be recognised; never the token itself
 * @param apnsTimestamp  when APNs says the token stopped being valid ({@code Unregistered} only), else null
 */
public record RecordPushRejection(
        @TargetAggregateIdentifier String enrollmentRef,
        Channel channel,
        String reason,
        String tokenHash,
        Instant apnsTimestamp,
        Instant occurredAt) {
}
