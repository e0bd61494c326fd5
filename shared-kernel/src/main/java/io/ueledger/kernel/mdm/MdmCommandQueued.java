package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An MDM command was queued for the device. */
@Revision("1")
public record MdmCommandQueued(
        String enrollmentRef,
        String commandUuid,
        String requestType,
        Channel channel,
        ManagedContent content,
        String payloadDigest,
        String requestedBy,
        String narrowing,
        Instant occurredAt) {
}
