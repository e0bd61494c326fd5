package io.ueledger.kernel.mdm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A managed app was removed from the device (acknowledged RemoveApplication). */
@Revision("1")
public record ManagedAppRemoved(
        String enrollmentRef,
        String bundleId,
        String commandUuid,
        Instant occurredAt) {
}
