package io.ueledger.query.registry;

import static io.ueledger.query.support.SqlTime.ts;

import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentProfileDelivered;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.enrollment.IdentityCertificateIssued;
import io.ueledger.kernel.enrollment.ManagedDataKeysCreated;
import io.ueledger.kernel.enrollment.PushTokenUpdated;
import io.ueledger.kernel.enrollment.SessionTokenIssued;
import io.ueledger.kernel.enrollment.UserAuthenticated;
import io.ueledger.kernel.enrollment.UserAuthenticationFailed;
import io.ueledger.kernel.mdm.ManagedAppInstalled;
import io.ueledger.kernel.mdm.ManagedAppRemoved;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDeferred;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.mdm.MdmCommandQueued;
import io.ueledger.kernel.mdm.MdmCommandRefused;
import io.ueledger.kernel.mdm.ProfileInstalled;
import io.ueledger.kernel.mdm.ProfileRemoved;
import io.ueledger.kernel.privacy.Shredded;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.unenrollment.DeviceCheckedOut;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import io.ueledger.query.registry.RegistryRows.Column;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps one row per enrollment in {@code enrollment_registry}: its stage and the facts people
 * search by.
 *
 * <p>Idempotent by the aggregate sequence number: the row remembers the last sequence applied and
 * an update only touches it for a later one; the first event inserts with "on conflict do
 * nothing". Redelivery after a crash, a retry of a failed batch, or a replay over existing rows
 * therefore changes nothing. The stage only moves forward, in {@link EnrollmentStage} order, as in
 * the aggregate (a later sign-in or session token does not move an enrolled device back).
 */
@Component
@ProcessingGroup(ProcessorNames.ENROLLMENT_REGISTRY)
public class EnrollmentRegistryProjection {


    private final JdbcTemplate jdbc;
    /** Every row change of a processor batch, folded per enrollment and written when it commits. */
    private final RegistryRows rows;

    public EnrollmentRegistryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.rows = new RegistryRows(jdbc);
    }

    // ---- the enrollment stages -------------------------------------------------------------

    @EventHandler
    void on(EnrollmentRequested e, DomainEventMessage<?> message) {
        Instant at = at(e.occurredAt(), message);
        Map<Column, Object> row = new EnumMap<>(Column.class);
        row.put(Column.ENROLLMENT_REF, message.getAggregateIdentifier());
        row.put(Column.STAGE, EnrollmentStage.CHALLENGED.name());
        row.put(Column.PLATFORM, name(e.platform()));
        row.put(Column.OS_VERSION, e.osVersion());
        row.put(Column.PRODUCT, e.product());
        row.put(Column.USER_IDENTIFIER_DOMAIN, e.userIdentifierDomain());
        row.put(Column.MODEL_FAMILY, e.modelFamily());
        row.put(Column.REQUESTED_AT, ts(at));
        row.put(Column.LAST_EVENT_AT, ts(at));
        row.put(Column.LAST_SEQUENCE, message.getSequenceNumber());
        rows.insert(new RegistryRows.NewRow(row));
    }

    @EventHandler
    void on(EnrollmentChallenged e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).advanceTo(EnrollmentStage.CHALLENGED).run();
    }

    @EventHandler
    void on(UserAuthenticated e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).advanceTo(EnrollmentStage.USER_AUTHENTICATED)
                .set(Column.MANAGED_APPLE_ACCOUNT, e.managedAppleAccount()).run();
    }

    @EventHandler
    void on(UserAuthenticationFailed e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(SessionTokenIssued e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).advanceTo(EnrollmentStage.TOKEN_ISSUED).run();
    }

    @EventHandler
    void on(EnrollmentProfileDelivered e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).advanceTo(EnrollmentStage.PROFILE_DELIVERED)
                .setIfPresent(Column.MANAGED_APPLE_ACCOUNT, e.managedAppleAccount()).run();
    }

    @EventHandler
    void on(IdentityCertificateIssued e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).advanceTo(EnrollmentStage.IDENTITY_ISSUED).run();
    }

    @EventHandler
    void on(DeviceAuthenticated e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).advanceTo(EnrollmentStage.AUTHENTICATED)
                .set(Column.ENROLLMENT_ID, e.enrollmentId())
                .setIfPresent(Column.PLATFORM, name(e.platform()))
                .setIfPresent(Column.PRODUCT, e.productName())
                .setIfPresent(Column.OS_VERSION, e.osVersion())
                .run();
    }

    @EventHandler
    void on(PushTokenUpdated e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(DeviceEnrolled e, DomainEventMessage<?> message) {
        Instant at = at(e.occurredAt(), message);
        update(message, at).advanceTo(EnrollmentStage.ENROLLED)
                .set(Column.ENROLLED_AT, ts(at))
                .setIfPresent(Column.ENROLLMENT_ID, e.enrollmentId())
                .setIfPresent(Column.PLATFORM, name(e.platform()))
                .setIfPresent(Column.MANAGED_APPLE_ACCOUNT, e.managedAppleAccount())
                .run();
    }

    @EventHandler
    void on(ManagedDataKeysCreated e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    // ---- management: only the "last event" columns move -------------------------------------

    @EventHandler
    void on(MdmCommandQueued e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(MdmCommandRefused e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(MdmCommandDelivered e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(MdmCommandAcknowledged e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(MdmCommandFailed e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(MdmCommandDeferred e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(ProfileInstalled e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(ProfileRemoved e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(ManagedAppInstalled e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(ManagedAppRemoved e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    // ---- unenrollment --------------------------------------------------------------------------

    @EventHandler
    void on(UnenrollmentRequested e, DomainEventMessage<?> message) {
        Instant at = at(e.occurredAt(), message);
        update(message, at).advanceTo(EnrollmentStage.UNENROLLMENT_PENDING)
                .set(Column.UNENROLLMENT_REQUESTED_AT, ts(at)).run();
    }

    @EventHandler
    void on(DeviceCheckedOut e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(ManagedDataKeysDestroyed e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(ManagedDataRemoved e, DomainEventMessage<?> message) {
        update(message, e.occurredAt()).run();
    }

    @EventHandler
    void on(EnrollmentClosed e, DomainEventMessage<?> message) {
        Instant at = at(e.occurredAt(), message);
        update(message, at).advanceTo(EnrollmentStage.CLOSED)
                .set(Column.CLOSED_AT, ts(at))
                .set(Column.CLOSURE_REASON, name(e.reason()))
                .run();
        // The data key is gone with this event: the account shown must go too. A replay reads the
        // account as the marker already; this covers rows projected while the key was alive.
        rows.shred(new RegistryRows.Shred(message.getAggregateIdentifier(), Shredded.MARKER));
    }

    /** A replay rebuilds the registry from the first event, so it starts from an empty table. */
    @ResetHandler
    void reset() {
        jdbc.update("truncate table enrollment_registry");
    }

    // ---- the one guarded update --------------------------------------------------------------

    private RowUpdate update(DomainEventMessage<?> message, Instant occurredAt) {
        return new RowUpdate(message, at(occurredAt, message));
    }

    /**
     * An update of one registry row that applies only if this event is later in the stream than
     * the last one applied, and that always records it as the last event.
     */
    private final class RowUpdate {
        private final DomainEventMessage<?> message;
        private final Instant at;
        private final Map<Column, Object> sets = new EnumMap<>(Column.class);
        private EnrollmentStage advanceTo;

        RowUpdate(DomainEventMessage<?> message, Instant at) {
            this.message = message;
            this.at = at;
        }

        RowUpdate advanceTo(EnrollmentStage stage) {
            this.advanceTo = stage;
            return this;
        }

        RowUpdate set(Column column, Object value) {
            sets.put(column, value);
            return this;
        }

        /** Keeps what the row knows when this event does not say (a null in the event). */
        RowUpdate setIfPresent(Column column, Object value) {
            return value == null ? this : set(column, value);
        }

        void run() {
            rows.update(new RegistryRows.Change(message.getAggregateIdentifier(), message.getSequenceNumber(), ts(at),
                    advanceTo, sets));
        }
    }

    private static Instant at(Instant occurredAt, DomainEventMessage<?> message) {
        return occurredAt != null ? occurredAt : message.getTimestamp();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
