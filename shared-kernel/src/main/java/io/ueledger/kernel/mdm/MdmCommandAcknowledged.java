package io.ueledger.kernel.mdm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The device carried out the command. */
@Revision("1")
public record MdmCommandAcknowledged(
        String enrollmentRef,
        String commandUuid,
        String requestType,
        Instant occurredAt) {
}
