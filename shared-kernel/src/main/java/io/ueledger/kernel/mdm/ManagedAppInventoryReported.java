package io.ueledger.kernel.mdm;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What a device reported about the apps this MDM manages, in answer to an app inventory command.
 * Apps the MDM does not manage are never in it, even when the device lists them.
 */
@Revision("1")
public record ManagedAppInventoryReported(
        String enrollmentRef,
        String commandUuid,
        String requestType,
        List<ReportedApp> apps,
        Instant occurredAt) {
}
