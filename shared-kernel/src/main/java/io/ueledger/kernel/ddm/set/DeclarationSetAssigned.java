package io.ueledger.kernel.ddm.set;

import io.ueledger.kernel.ddm.DeclarationRef;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An admin assigned a set to an enrollment (what reached the device is on the enrollment's own stream). */
@Revision("1")
public record DeclarationSetAssigned(String setId, String enrollmentRef, String assignedBy, Instant occurredAt) {
}
