package io.ueledger.kernel.ddm.set;

import io.ueledger.kernel.ddm.DeclarationRef;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin assigns a set to one enrollment. Answers the set's declarations as they are now. */
public record AssignDeclarationSet(@TargetAggregateIdentifier String setId, String enrollmentRef, String assignedBy,
                                   Instant occurredAt) {
}
