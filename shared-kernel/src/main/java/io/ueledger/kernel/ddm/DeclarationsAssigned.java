package io.ueledger.kernel.ddm;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The declarations a set now puts in force on this enrollment (replacing what the set put there
 * before; an empty list withdraws them), and the enrollment's DeclarationsToken afterwards.
 */
@Revision("1")
public record DeclarationsAssigned(String enrollmentRef, String setId, List<DeclarationRef> declarations,
                                   String declarationsToken, String requestedBy, Instant occurredAt) {
}
