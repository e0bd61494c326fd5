package io.ueledger.command.account;

import io.ueledger.kernel.account.ManagedAppleAccountCreated;
import io.ueledger.kernel.account.ManagedAppleAccountDeactivated;
import io.ueledger.kernel.account.ManagedAppleAccountReactivated;
import io.ueledger.kernel.processing.ProcessorNames;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code account_directory} in step with the account events. It runs in a subscribing
 * processor (wired in {@code AxonCommandConfig}), so the row is written in the same transaction
 * as the event: a decision read from the directory never sees an account the store does not have.
 * Writes are upserts so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup(ProcessorNames.ACCOUNT_DIRECTORY)
class AccountDirectoryUpdater {

    private final JdbcTemplate jdbc;

    AccountDirectoryUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ManagedAppleAccountCreated e) {
        jdbc.update("""
                insert into account_directory (email, account_id, display_name, active, origin, updated_at)
                values (?, ?, ?, true, ?, ?)
                on conflict (email) do update set display_name = excluded.display_name, active = true,
                    origin = excluded.origin, updated_at = excluded.updated_at
                """, e.email(), e.accountId(), e.displayName(), e.origin().name(), Timestamp.from(e.occurredAt()));
    }

    @EventHandler
    void on(ManagedAppleAccountDeactivated e) {
        setActive(e.accountId(), false, e.occurredAt());
    }

    @EventHandler
    void on(ManagedAppleAccountReactivated e) {
        setActive(e.accountId(), true, e.occurredAt());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from account_directory");
    }

    private void setActive(String accountId, boolean active, java.time.Instant at) {
        jdbc.update("update account_directory set active = ?, updated_at = ? where account_id = ?", active,
                Timestamp.from(at), accountId);
    }
}
