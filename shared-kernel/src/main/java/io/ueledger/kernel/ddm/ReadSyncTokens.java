package io.ueledger.kernel.ddm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The device asked for the tokens endpoint: answer the enrollment's current tokens (nothing is recorded). */
public record ReadSyncTokens(@TargetAggregateIdentifier String enrollmentRef, String enrollmentId) {
}
