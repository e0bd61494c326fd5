package io.ueledger.kernel.ddm.set;

import io.ueledger.kernel.ddm.DeclarationRef;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin saves a declaration set (new, or a new version of it). Answers the enrollments the set is assigned to. */
public record SaveDeclarationSet(@TargetAggregateIdentifier String setId, String name, List<DeclarationRef> declarations,
                                 String savedBy, Instant occurredAt) {
}
