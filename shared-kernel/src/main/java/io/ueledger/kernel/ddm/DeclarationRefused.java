package io.ueledger.kernel.ddm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The User Enrollment policy refused a declaration for this device: which set asked, what, which
 * rule and data row. The declaration is not offered to the device.
 */
@Revision("1")
public record DeclarationRefused(String enrollmentRef, String setId, String identifier, String type,
                                 String requestedBy, String rule, String source, String reason, Instant occurredAt) {
}
