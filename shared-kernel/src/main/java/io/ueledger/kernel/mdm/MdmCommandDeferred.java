package io.ueledger.kernel.mdm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The device answered NotNow: the command goes back to the queue and is sent again later. */
@Revision("1")
public record MdmCommandDeferred(
        String enrollmentRef,
        String commandUuid,
        String requestType,
        Instant occurredAt) {
}
