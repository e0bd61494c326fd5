package io.ueledger.kernel.ddm.set;

import io.ueledger.kernel.ddm.DeclarationRef;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An admin saved a declaration set; each declaration is named with the digest of its content. */
@Revision("1")
public record DeclarationSetSaved(String setId, String name, int version, List<DeclarationRef> declarations,
                                  String savedBy, Instant occurredAt) {
}
