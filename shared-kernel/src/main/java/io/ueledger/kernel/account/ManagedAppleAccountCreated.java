package io.ueledger.kernel.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The organisation added a Managed Apple Account; users with it may enroll their devices.
 *
 * @param email           lower-cased address
 * @param sourceReference a hash-based trace to the file line or IdP subject; never the subject itself
 */
@Revision("1")
public record ManagedAppleAccountCreated(
        String accountId,
        String email,
        String displayName,
        AccountOrigin origin,
        String createdBy,
        String sourceReference,
        Instant occurredAt) {
}
