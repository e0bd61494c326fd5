package io.ueledger.kernel.ddm;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device fetches one declaration: answer which one (and its token) if this enrollment has it, and record the delivery. */
public record DeliverDeclaration(@TargetAggregateIdentifier String enrollmentRef, String enrollmentId,
                                 DeclarationCategory category, String identifier, Instant occurredAt) {
}
