package io.ueledger.kernel.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A deactivated account may enroll devices again; who decided and why. */
@Revision("1")
public record ManagedAppleAccountReactivated(
        String accountId,
        String email,
        String reactivatedBy,
        String reason,
        Instant occurredAt) {
}
