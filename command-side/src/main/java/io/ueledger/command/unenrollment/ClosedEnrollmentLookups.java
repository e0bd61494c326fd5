package io.ueledger.command.unenrollment;

import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.PushTokenUpdated;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDeferred;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.mdm.MdmCommandFailed;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's own tables that follow an enrollment's end, kept in the events' transaction
 * (a subscribing processor): the {@code pending_unenrollment} lookup the silence check reads, and,
 * at closure, the removal of what the server still held for the device outside the ledger (session
 * token rows with the Managed Apple Account, push credentials, MDM command bodies). The ledger keeps
 * their hashes and digests; the rows themselves would outlive the data key otherwise.
 */
@Component
@ProcessingGroup(ProcessorNames.UNENROLLMENT_LOOKUP)
class ClosedEnrollmentLookups {


    private static final String CONTACTS = ClosedEnrollmentLookups.class.getName() + ".contacts";

    private final JdbcTemplate jdbc;

    ClosedEnrollmentLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UnenrollmentRequested e) {
        writeContacts();
        jdbc.update("insert into pending_unenrollment (enrollment_ref, requested_at) values (?, ?) "
                + "on conflict (enrollment_ref) do nothing", e.enrollmentRef(), Timestamp.from(e.occurredAt()));
    }

    @EventHandler
    void on(DeviceAuthenticated e) {
        contact(e.enrollmentRef(), e.occurredAt());
    }

    @EventHandler
    void on(PushTokenUpdated e) {
        contact(e.enrollmentRef(), e.occurredAt());
    }

    @EventHandler
    void on(MdmCommandDelivered e) {
        contact(e.enrollmentRef(), e.occurredAt());
    }

    @EventHandler
    void on(MdmCommandDeferred e) {
        contact(e.enrollmentRef(), e.occurredAt());
    }

    @EventHandler
    void on(MdmCommandAcknowledged e) {
        contact(e.enrollmentRef(), e.occurredAt());
    }

    @EventHandler
    void on(MdmCommandFailed e) {
        contact(e.enrollmentRef(), e.occurredAt());
    }

    @EventHandler
    void on(EnrollmentClosed e) {
        writeContacts();
        String ref = e.enrollmentRef();
        jdbc.update("delete from pending_unenrollment where enrollment_ref = ?", ref);
        jdbc.update("delete from session_token where enrollment_ref = ?", ref);
        jdbc.update("delete from push_credential where enrollment_ref = ?", ref);
        jdbc.update("delete from mdm_command_body where enrollment_ref = ?", ref);
    }

    /**
     * A command-channel request records a result and the next delivery in one command, so two contacts of one
     * device arrive in one unit of work: they are kept (the latest per enrollment, as {@code greatest} would
     * keep it) and written as one update when the events' batch commits, inside the command's transaction.
     * The other statements of this class write what was kept first, so the order of effects is the events'.
     */
    private void contact(String ref, Instant at) {
        if (at == null) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            writeContact(ref, at);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Map<String, Instant> contacts = unitOfWork.getOrComputeResource(CONTACTS, key -> {
            Map<String, Instant> latest = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> writeContacts(latest));
            return latest;
        });
        contacts.merge(ref, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    private void writeContacts() {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Instant> contacts = CurrentUnitOfWork.get().getResource(CONTACTS);
            if (contacts != null) {
                writeContacts(contacts);
            }
        }
    }

    private void writeContacts(Map<String, Instant> contacts) {
        contacts.forEach(this::writeContact);
        contacts.clear();
    }

    private void writeContact(String ref, Instant at) {
        jdbc.update("update pending_unenrollment set last_contact_at = greatest(last_contact_at, ?) "
                + "where enrollment_ref = ?", Timestamp.from(at), ref);
    }
}
