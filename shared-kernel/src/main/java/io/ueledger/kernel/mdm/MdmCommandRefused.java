package io.ueledger.kernel.mdm;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The User Enrollment policy refused an MDM command: who asked, what, which rule and source. Nothing was queued or sent. */
@Revision("1")
public record MdmCommandRefused(
        String enrollmentRef,
        String requestType,
        String requestedBy,
        String rule,
        String source,
        String reason,
        Instant occurredAt) {
}
