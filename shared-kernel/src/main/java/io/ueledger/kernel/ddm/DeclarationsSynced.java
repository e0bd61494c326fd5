package io.ueledger.kernel.ddm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The device fetched the declaration manifest: which token it was handed and how many declarations it listed. */
@Revision("1")
public record DeclarationsSynced(String enrollmentRef, String declarationsToken, int declarationCount,
                                 Instant occurredAt) {
}
