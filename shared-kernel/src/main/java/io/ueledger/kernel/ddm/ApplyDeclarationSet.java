package io.ueledger.kernel.ddm;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a set's declarations in force on one enrollment, after the policy decided each for this
 * device: the allowed ones replace what the set had put there before, each refused one is recorded.
 * Answers the new sync tokens.
 */
public record ApplyDeclarationSet(@TargetAggregateIdentifier String enrollmentRef, String setId,
                                  List<DeclarationRef> allowed, List<DeclarationRefusal> refused, String requestedBy,
                                  Instant occurredAt) {
}
