package io.ueledger.command.account;

import java.util.Optional;

/**
 * Port: the organisation's Managed Apple Accounts by address, as the command side knows them.
 * Used by service discovery, IdP sign-in and CSV import to decide; filled from the account events.
 */
public interface AccountDirectory {

    /** @param email any case; addresses compare case-insensitively */
    Optional<Entry> findByEmail(String email);

    record Entry(String accountId, String email, String displayName, boolean active, String origin) {
    }
}
