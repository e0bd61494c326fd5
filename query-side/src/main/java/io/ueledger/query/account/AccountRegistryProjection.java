package io.ueledger.query.account;

import io.ueledger.kernel.account.ManagedAppleAccountCreated;
import io.ueledger.kernel.account.ManagedAppleAccountDeactivated;
import io.ueledger.kernel.account.ManagedAppleAccountReactivated;
import io.ueledger.kernel.processing.ProcessorNames;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import io.ueledger.query.batch.BatchedStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects the account events into {@code account_registry} for the admin list. Tracking, so the
 * admin list may trail a change by a moment; idempotent by the aggregate sequence number, so a
 * replay or a redelivered batch leaves the rows as they were.
 */
@Component
@ProcessingGroup(ProcessorNames.ACCOUNT_REGISTRY)
class AccountRegistryProjection {


    private final JdbcTemplate jdbc;
    /** Every row change of a processor batch, sent in order as JDBC batches when it commits. */
    private final BatchedStatements rows;

    AccountRegistryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new BatchedStatements(jdbc);
    }

    @EventHandler
    void on(ManagedAppleAccountCreated e, @SequenceNumber long sequence) {
        rows.update("""
                insert into account_registry (account_id, email, display_name, origin, active, created_by, created_at,
                    last_sequence)
                values (?, ?, ?, ?, true, ?, ?, ?)
                on conflict (account_id) do nothing
                """, e.accountId(), e.email(), e.displayName(), e.origin().name(), e.createdBy(),
                Timestamp.from(e.occurredAt()), sequence);
    }

    @EventHandler
    void on(ManagedAppleAccountDeactivated e, @SequenceNumber long sequence) {
        statusChanged(e.accountId(), false, e.deactivatedBy(), e.reason(), e.occurredAt(), sequence);
    }

    @EventHandler
    void on(ManagedAppleAccountReactivated e, @SequenceNumber long sequence) {
        statusChanged(e.accountId(), true, e.reactivatedBy(), e.reason(), e.occurredAt(), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from account_registry");
    }

    private void statusChanged(String accountId, boolean active, String by, String reason, Instant at,
            long sequence) {
        rows.update("""
                update account_registry set active = ?, status_changed_by = ?, status_reason = ?,
                    status_changed_at = ?, last_sequence = ?
                where account_id = ? and last_sequence < ?
                """, active, by, reason, Timestamp.from(at), sequence, accountId, sequence);
    }
}
