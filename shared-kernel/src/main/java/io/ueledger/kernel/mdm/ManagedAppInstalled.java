package io.ueledger.kernel.mdm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A managed app is installed on the device (acknowledged InstallApplication). */
@Revision("1")
public record ManagedAppInstalled(
        String enrollmentRef,
        String bundleId,
        String commandUuid,
        Instant occurredAt) {
}
