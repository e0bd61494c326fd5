package io.ueledger.command.unenrollment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.MdmCommandAcknowledged;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.core.JdbcTemplate;

class ClosedEnrollmentLookupsTest {

    private static final String CONTACT = "update pending_unenrollment set last_contact_at";
    private static final Instant EARLIER = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-01T10:00:01Z");

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final ClosedEnrollmentLookups lookups = new ClosedEnrollmentLookups(jdbc);

    @Test
    void the_result_and_the_next_delivery_of_one_request_are_one_contact_update_with_the_later_time() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        lookups.on(new MdmCommandAcknowledged("enr-1", "cmd-1", "InstallProfile", LATER));
        lookups.on(new MdmCommandDelivered("enr-1", "cmd-2", "InstallProfile", Channel.DEVICE, 1, EARLIER));
        verify(jdbc, never()).update(startsWith(CONTACT), any(Object[].class));

        unitOfWork.commit();

        verify(jdbc, times(1)).update(startsWith(CONTACT), any(Object[].class));
        verify(jdbc).update(startsWith(CONTACT), eq(Timestamp.from(LATER)), eq("enr-1"));
    }

    @Test
    void a_contact_before_an_unenrollment_request_in_the_same_batch_is_written_before_the_pending_row() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        lookups.on(new MdmCommandAcknowledged("enr-1", "cmd-1", "InstallProfile", EARLIER));
        lookups.on(new UnenrollmentRequested("enr-1", "admin", "left", "cmd-9", "profile", LATER));
        unitOfWork.commit();

        InOrder order = inOrder(jdbc);
        order.verify(jdbc).update(startsWith(CONTACT), eq(Timestamp.from(EARLIER)), eq("enr-1"));
        order.verify(jdbc).update(startsWith("insert into pending_unenrollment"), any(Object[].class));
        order.verifyNoMoreInteractions();
    }

    @Test
    void a_rolled_back_batch_records_no_contact() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        lookups.on(new MdmCommandAcknowledged("enr-1", "cmd-1", "InstallProfile", EARLIER));
        unitOfWork.rollback();

        verify(jdbc, never()).update(anyString(), any(Object[].class));
    }
}
