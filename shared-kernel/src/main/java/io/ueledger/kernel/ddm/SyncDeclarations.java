package io.ueledger.kernel.ddm;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device asked for declaration-items: hand it the manifest and record the sync. */
public record SyncDeclarations(@TargetAggregateIdentifier String enrollmentRef, String enrollmentId,
                               Instant occurredAt) {
}
