package io.ueledger.query.owner;

import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.privacy.Shredded;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import io.ueledger.query.batch.BatchedStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links each enrollment to the hash of the Managed Apple Account that signed in for it, so the
 * device owner can find it again in the owner view. Deliberately not rebuildable: a replay after
 * unenrollment would read the shredded address and could not link the closed enrollment again,
 * so this view is not in the list of rebuildable views and has no reset handler.
 */
@Component
@ProcessingGroup(ProcessorNames.OWNER_INDEX)
class OwnerIndexProjection {


    /** The links of a processor batch, sent as one JDBC batch when it commits. */
    private final BatchedStatements rows;

    OwnerIndexProjection(JdbcTemplate jdbc) {
        this.rows = new BatchedStatements(jdbc);
    }

    @EventHandler
    void on(UserAuthenticated e, DomainEventMessage<?> message) {
        String account = e.managedAppleAccount();
        if (account == null || account.isBlank() || Shredded.isShredded(account)) {
            return; // nothing to link by; an already-linked row stays as it is
        }
        rows.update("""
                insert into owner_enrollment (enrollment_ref, account_sha256, linked_at) values (?, ?, ?)
                on conflict (enrollment_ref) do nothing
                """, message.getAggregateIdentifier(), OwnerEnrollments.accountHash(account),
                Timestamp.from(e.occurredAt()));
    }
}
