package io.ueledger.kernel.mdm;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An MDM command was sent to the device in answer to a command-channel poll. */
@Revision("1")
public record MdmCommandDelivered(
        String enrollmentRef,
        String commandUuid,
        String requestType,
        Channel channel,
        int attempt,
        Instant occurredAt) {
}
