package io.ueledger.query.ddm;

import io.ueledger.kernel.processing.ProcessorNames;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.ddm.DeclarationDelivered;
import io.ueledger.kernel.ddm.DeclarationRef;
import io.ueledger.kernel.ddm.DeclarationRefused;
import io.ueledger.kernel.ddm.DeclarationStatus;
import io.ueledger.kernel.ddm.DeclarationStatusReported;
import io.ueledger.kernel.ddm.DeclarationsAssigned;
import io.ueledger.kernel.ddm.DeclarationsSynced;
import io.ueledger.kernel.ddm.ReportedStatusItem;
import io.ueledger.kernel.ddm.set.DeclarationSetAssigned;
import io.ueledger.kernel.ddm.set.DeclarationSetSaved;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import io.ueledger.query.batch.BatchedStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Feeds the DDM views (V191__ddm_status.sql). Status reports are deltas: a declaration or item the
 * report does not name keeps its last value; {@code _removed} entries are marked, not deleted.
 * Every statement is idempotent, so a redelivered event leaves the rows as they were.
 */
@Component
@ProcessingGroup(ProcessorNames.DDM_STATUS)
public class DeclarativeStatusProjection {


    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    /** Every row change of a processor batch, sent in order as JDBC batches when it commits. */
    private final BatchedStatements rows;

    public DeclarativeStatusProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.rows = new BatchedStatements(jdbc);
        this.json = json;
    }

    @EventHandler
    void on(DeclarationSetSaved e, EventMessage<?> message) {
        rows.update("""
                insert into ddm_declaration_set (set_id, name, version, declarations, saved_by, saved_at, event_id)
                values (?, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (set_id) do update set name = excluded.name, version = excluded.version,
                    declarations = excluded.declarations, saved_by = excluded.saved_by, saved_at = excluded.saved_at,
                    event_id = excluded.event_id
                where ddm_declaration_set.version < excluded.version""",
                e.setId(), e.name(), e.version(), write(e.declarations()), e.savedBy(), ts(e.occurredAt()),
                message.getIdentifier());
    }

    @EventHandler
    void on(DeclarationSetAssigned e, EventMessage<?> message) {
        rows.update("""
                insert into ddm_set_assignment (set_id, enrollment_ref, assigned_by, assigned_at, event_id)
                values (?, ?, ?, ?, ?) on conflict do nothing""",
                e.setId(), e.enrollmentRef(), e.assignedBy(), ts(e.occurredAt()), message.getIdentifier());
    }

    @EventHandler
    void on(DeclarationsAssigned e, EventMessage<?> message) {
        List<String> kept = e.declarations().stream().map(DeclarationRef::identifier).toList();
        rows.update("delete from ddm_device_declaration where enrollment_ref = ? and set_id = ? "
                + "and not (identifier = any (?))", e.enrollmentRef(), e.setId(), kept.toArray(String[]::new));
        for (DeclarationRef d : e.declarations()) {
            // a new token is new content: the device's last report stays, and its older token marks it stale
            rows.update("""
                    insert into ddm_device_declaration (enrollment_ref, identifier, set_id, type, category,
                        server_token, assigned_at, assigned_event_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (enrollment_ref, identifier) do update set set_id = excluded.set_id,
                        type = excluded.type, category = excluded.category, server_token = excluded.server_token,
                        assigned_at = excluded.assigned_at, assigned_event_id = excluded.assigned_event_id,
                        delivered_at = null
                    where ddm_device_declaration.server_token <> excluded.server_token""",
                    e.enrollmentRef(), d.identifier(), e.setId(), d.type(), d.category().pathSegment(),
                    d.serverToken(), ts(e.occurredAt()), message.getIdentifier());
        }
        rows.update("""
                insert into ddm_device_sync (enrollment_ref, declarations_token) values (?, ?)
                on conflict (enrollment_ref) do update set declarations_token = excluded.declarations_token""",
                e.enrollmentRef(), e.declarationsToken());
    }

    @EventHandler
    void on(DeclarationRefused e, EventMessage<?> message) {
        rows.update("""
                insert into ddm_device_refusal (event_id, enrollment_ref, set_id, identifier, type, rule, source,
                    reason, refused_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                message.getIdentifier(), e.enrollmentRef(), e.setId(), e.identifier(), e.type(), e.rule(), e.source(),
                e.reason(), ts(e.occurredAt()));
    }

    @EventHandler
    void on(DeclarationsSynced e) {
        rows.update("""
                insert into ddm_device_sync (enrollment_ref, last_sync_at) values (?, ?)
                on conflict (enrollment_ref) do update set last_sync_at = excluded.last_sync_at""",
                e.enrollmentRef(), ts(e.occurredAt()));
    }

    @EventHandler
    void on(DeclarationDelivered e) {
        rows.update("update ddm_device_declaration set delivered_at = ? where enrollment_ref = ? and identifier = ? "
                + "and server_token = ?", ts(e.occurredAt()), e.enrollmentRef(), e.identifier(), e.serverToken());
    }

    @EventHandler
    void on(DeclarationStatusReported e, EventMessage<?> message) {
        Timestamp at = ts(e.occurredAt());
        for (DeclarationStatus s : e.declarations()) {
            rows.update("""
                    update ddm_device_declaration set reported_token = ?, active = ?, valid = ?, reasons = ?::jsonb,
                        reported_at = ?, status_event_id = ?
                    where enrollment_ref = ? and identifier = ?""",
                    s.serverToken(), !s.removed() && s.active(), s.removed() ? "removed" : s.valid(),
                    write(s.reasons()), at, message.getIdentifier(), e.enrollmentRef(), s.identifier());
        }
        for (ReportedStatusItem item : e.items()) {
            rows.update("""
                    insert into ddm_device_status_item (enrollment_ref, item, value, reported_at, event_id)
                    values (?, ?, ?, ?, ?)
                    on conflict (enrollment_ref, item) do update set value = excluded.value,
                        reported_at = excluded.reported_at, event_id = excluded.event_id""",
                    e.enrollmentRef(), item.name(), item.value(), at, message.getIdentifier());
        }
        rows.update("""
                insert into ddm_device_sync (enrollment_ref, last_status_at, last_status_event_id, dropped_items,
                    status_errors)
                values (?, ?, ?, ?::jsonb, ?::jsonb)
                on conflict (enrollment_ref) do update set last_status_at = excluded.last_status_at,
                    last_status_event_id = excluded.last_status_event_id, dropped_items = excluded.dropped_items,
                    status_errors = excluded.status_errors""",
                e.enrollmentRef(), at, message.getIdentifier(), write(e.droppedItems()), write(e.errors()));
    }

    /** After closure nothing is in force any more; refusals and the last report stay as evidence. */
    @EventHandler
    void on(EnrollmentClosed e) {
        rows.update("update ddm_device_declaration set active = false where enrollment_ref = ?", e.enrollmentRef());
    }

    @ResetHandler
    void reset() {
        jdbc.update("truncate ddm_declaration_set, ddm_set_assignment, ddm_device_declaration, ddm_device_refusal, "
                + "ddm_device_status_item, ddm_device_sync");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
