package io.ueledger.query.account;

import java.time.Instant;

/** One Managed Apple Account as the admin list shows it. */
public record AccountRow(
        String accountId,
        String email,
        String displayName,
        String origin,
        boolean active,
        String createdBy,
        Instant createdAt,
        String statusChangedBy,
        String statusReason,
        Instant statusChangedAt) {
}
