package io.ueledger.kernel.mdm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A configuration profile installed by this MDM was removed from the device (acknowledged RemoveProfile). */
@Revision("1")
public record ProfileRemoved(
        String enrollmentRef,
        String profileIdentifier,
        String commandUuid,
        Instant occurredAt) {
}
