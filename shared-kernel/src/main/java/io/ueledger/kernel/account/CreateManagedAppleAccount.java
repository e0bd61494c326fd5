package io.ueledger.kernel.account;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a Managed Apple Account. Use {@link #of} so the id is derived from the address.
 *
 * @param createdBy       the admin's user name, or the identity provider for a federated account
 * @param sourceReference what an auditor can trace the creation to without personal data leaking,
 *                        e.g. the SHA-256 of the imported file and the line, or the hash of the
 *                        IdP subject; may be null for a manual creation
 */
public record CreateManagedAppleAccount(
        @TargetAggregateIdentifier String accountId,
        String email,
        String displayName,
        AccountOrigin origin,
        String createdBy,
        String sourceReference,
        Instant occurredAt) {

    public static CreateManagedAppleAccount of(String email, String displayName, AccountOrigin origin,
            String createdBy, String sourceReference, Instant occurredAt) {
        return new CreateManagedAppleAccount(ManagedAppleAccountId.forAddress(email), email, displayName, origin,
                createdBy, sourceReference, occurredAt);
    }
}
