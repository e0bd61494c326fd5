package io.ueledger.kernel.mdm;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The device answered an InstalledApplicationList or ManagedApplicationList command with these
 * apps. The enrollment keeps only those the MDM manages.
 */
public record ReportManagedAppInventory(
        @TargetAggregateIdentifier String enrollmentRef,
        String enrollmentId,
        String commandUuid,
        List<ReportedApp> apps,
        Instant occurredAt) {

    public ReportManagedAppInventory {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }
}
