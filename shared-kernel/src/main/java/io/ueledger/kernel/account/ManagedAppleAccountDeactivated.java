package io.ueledger.kernel.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The account may no longer enroll devices; who decided and why. */
@Revision("1")
public record ManagedAppleAccountDeactivated(
        String accountId,
        String email,
        String deactivatedBy,
        String reason,
        Instant occurredAt) {
}
