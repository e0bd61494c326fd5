package io.ueledger.query.compliance;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.query.batch.BoundBatches;
import io.ueledger.query.compliance.ComplianceEnrollmentRows.Column;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

class ComplianceEnrollmentRowsTest {

    /** Parameter positions in {@link ComplianceEnrollmentRows#UPDATE}: after the stage's three, a flag and a value per column. */
    private static final int STAGE_POSITION = 2;

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final ComplianceEnrollmentRows rows = new ComplianceEnrollmentRows(jdbc);

    @Test
    void a_batch_that_creates_the_row_inserts_it_once_as_its_events_leave_it() throws SQLException {
        when(jdbc.batchUpdate(eq(ComplianceEnrollmentRows.INSERT), any(BatchPreparedStatementSetter.class)))
                .thenReturn(new int[] {1});
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.create("e1", EnrollmentStage.CHALLENGED, sets(Column.PLATFORM, "IOS"));
        rows.update("e1", EnrollmentStage.ENROLLED, sets(Column.MANAGED_APPLE_ACCOUNT, "a@corp.example"));
        rows.update("e1", EnrollmentStage.TOKEN_ISSUED, sets(Column.OS_VERSION, "18.1")); // the stage stays
        rows.update("e1", null, sets(Column.KEYS_CREATED, "[\"CONTACTS\"]"));
        rows.create("e1", EnrollmentStage.CHALLENGED, sets(Column.PLATFORM, "MACOS")); // "on conflict do nothing"
        verify(jdbc, never()).batchUpdate(any(String.class), any(BatchPreparedStatementSetter.class));

        unitOfWork.commit();

        PreparedStatement row = boundRows(ComplianceEnrollmentRows.INSERT, 1)[0];
        verify(row).setObject(column(Column.ENROLLMENT_REF), "e1", Types.VARCHAR);
        verify(row).setObject(column(Column.STAGE), "ENROLLED", Types.VARCHAR);
        verify(row).setObject(column(Column.PLATFORM), "IOS", Types.VARCHAR);
        verify(row).setObject(column(Column.OS_VERSION), "18.1", Types.VARCHAR);
        verify(row).setObject(column(Column.MANAGED_APPLE_ACCOUNT), "a@corp.example", Types.VARCHAR);
        verify(row).setObject(column(Column.KEYS_CREATED), "[\"CONTACTS\"]", Types.VARCHAR);
        verify(row).setNull(column(Column.CLOSED_AT), Types.TIMESTAMP_WITH_TIMEZONE);
        verify(jdbc, never()).batchUpdate(eq(ComplianceEnrollmentRows.UPDATE), any(BatchPreparedStatementSetter.class));
    }

    @Test
    void when_the_row_was_already_there_its_changes_are_sent_in_order_for_the_sql_to_decide() throws SQLException {
        when(jdbc.batchUpdate(eq(ComplianceEnrollmentRows.INSERT), any(BatchPreparedStatementSetter.class)))
                .thenReturn(new int[] {0, 1});
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.create("e1", EnrollmentStage.CHALLENGED, sets(Column.PLATFORM, "IOS"));
        rows.create("e2", EnrollmentStage.CHALLENGED, sets(Column.PLATFORM, "IOS"));
        rows.update("e1", EnrollmentStage.USER_AUTHENTICATED, sets(Column.MANAGED_APPLE_ACCOUNT, "a@corp.example"));
        rows.update("e2", EnrollmentStage.USER_AUTHENTICATED, sets(Column.MANAGED_APPLE_ACCOUNT, "b@corp.example"));
        rows.update("e1", EnrollmentStage.CLOSED, sets(Column.CLOSURE_REASON, "CHECKED_OUT"));

        unitOfWork.commit();

        InOrder order = inOrder(jdbc);
        order.verify(jdbc).batchUpdate(eq(ComplianceEnrollmentRows.INSERT), any(BatchPreparedStatementSetter.class));
        order.verify(jdbc).batchUpdate(eq(ComplianceEnrollmentRows.UPDATE), any(BatchPreparedStatementSetter.class));
        PreparedStatement[] updates = boundRows(ComplianceEnrollmentRows.UPDATE, 2);
        int ref = 3 + 2 * ComplianceEnrollmentRows.SETTABLE.size() + 1;
        verify(updates[0]).setInt(STAGE_POSITION, EnrollmentStage.USER_AUTHENTICATED.ordinal() + 1);
        verify(updates[0]).setString(ref, "e1"); // e2 was inserted as folded: none of its changes is sent
        verify(updates[1]).setInt(STAGE_POSITION, EnrollmentStage.CLOSED.ordinal() + 1);
        verify(updates[1]).setString(ref, "e1");
    }

    @Test
    void changes_of_rows_from_earlier_batches_go_as_one_batch_of_the_same_update() throws SQLException {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.update("e1", null, sets(Column.OS_VERSION, "18.1"));
        rows.update("e2", EnrollmentStage.ENROLLED, sets(Column.PLATFORM, "MACOS"));
        rows.update("e1", null, sets(Column.UNENROLLMENT_REQUESTED_BY, null));

        unitOfWork.commit();

        verify(jdbc, never()).batchUpdate(eq(ComplianceEnrollmentRows.INSERT), any(BatchPreparedStatementSetter.class));
        PreparedStatement[] updates = boundRows(ComplianceEnrollmentRows.UPDATE, 3);
        verify(updates[0]).setInt(STAGE_POSITION, 0); // no stage change
        int flag = 3 + 2 * ComplianceEnrollmentRows.SETTABLE.indexOf(Column.UNENROLLMENT_REQUESTED_BY) + 1;
        verify(updates[2]).setBoolean(flag, true); // set, to null: the flag says so
        verify(updates[2]).setNull(flag + 1, Types.VARCHAR);
        verify(updates[0]).setBoolean(flag, false);
    }

    @Test
    void outside_a_unit_of_work_a_change_runs_at_once() {
        rows.update("e1", null, sets(Column.OS_VERSION, "18.1"));
        verify(jdbc, times(1)).batchUpdate(eq(ComplianceEnrollmentRows.UPDATE), any(BatchPreparedStatementSetter.class));
    }

    private PreparedStatement[] boundRows(String sql, int expected) throws SQLException {
        return BoundBatches.boundRows(jdbc, sql, expected);
    }


    private static int column(Column column) {
        return column.ordinal() + 1;
    }

    private static Map<Column, Object> sets(Column column, Object value) {
        Map<Column, Object> sets = new EnumMap<>(Column.class);
        sets.put(column, value);
        return sets;
    }
}
