package io.ueledger.kernel.ddm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The device fetched one declaration; the token names exactly the content it was served. */
@Revision("1")
public record DeclarationDelivered(String enrollmentRef, String identifier, String type, DeclarationCategory category,
                                   String serverToken, Instant occurredAt) {
}
