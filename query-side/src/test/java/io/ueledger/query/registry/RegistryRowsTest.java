package io.ueledger.query.registry;

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
import io.ueledger.query.registry.RegistryRows.Column;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

class RegistryRowsTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2025, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final RegistryRows rows = new RegistryRows(jdbc);

    @Test
    void a_batch_that_creates_the_row_writes_it_once_as_its_events_leave_it() throws SQLException {
        when(jdbc.batchUpdate(eq(RegistryRows.INSERT), any(BatchPreparedStatementSetter.class)))
                .thenReturn(new int[] {1});
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.insert(newRow("e1", 0));
        rows.update(change("e1", 1, EnrollmentStage.USER_AUTHENTICATED, Column.MANAGED_APPLE_ACCOUNT, "a@corp.example"));
        rows.update(change("e1", 2, EnrollmentStage.ENROLLED, Column.PLATFORM, "IOS"));
        rows.update(change("e1", 3, EnrollmentStage.TOKEN_ISSUED, Column.PRODUCT, "iPhone17,1")); // stage stays
        rows.update(change("e1", 2, null, Column.OS_VERSION, "18.0")); // not later than the last applied: ignored
        verify(jdbc, never()).batchUpdate(any(String.class), any(BatchPreparedStatementSetter.class));

        unitOfWork.commit();

        PreparedStatement row = boundRows(RegistryRows.INSERT, 1)[0];
        verify(row).setObject(1, "e1", Types.VARCHAR);
        verify(row).setObject(2, "ENROLLED", Types.VARCHAR);
        verify(row).setObject(3, "IOS", Types.VARCHAR);
        verify(row).setObject(4, "17.5", Types.VARCHAR); // the event at sequence 2 again did not apply
        verify(row).setObject(5, "iPhone17,1", Types.VARCHAR);
        verify(row).setObject(6, "a@corp.example", Types.VARCHAR);
        verify(row).setObject(15, T0.plusMinutes(3), Types.TIMESTAMP_WITH_TIMEZONE);
        verify(row).setObject(16, 3L, Types.BIGINT);
        verify(jdbc, never()).batchUpdate(eq(RegistryRows.UPDATE), any(BatchPreparedStatementSetter.class));
    }

    @Test
    void when_the_row_was_already_there_each_change_is_sent_in_order_for_the_guarded_sql_to_decide()
            throws SQLException {
        when(jdbc.batchUpdate(eq(RegistryRows.INSERT), any(BatchPreparedStatementSetter.class)))
                .thenReturn(new int[] {0, 1});
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.insert(newRow("e1", 0));
        rows.insert(newRow("e2", 0));
        rows.update(change("e1", 1, EnrollmentStage.USER_AUTHENTICATED, Column.MANAGED_APPLE_ACCOUNT, "a@corp.example"));
        rows.update(change("e2", 1, EnrollmentStage.USER_AUTHENTICATED, Column.MANAGED_APPLE_ACCOUNT, "b@corp.example"));
        rows.update(change("e1", 2, EnrollmentStage.CLOSED, Column.CLOSURE_REASON, "UNENROLLED"));
        rows.shred(new RegistryRows.Shred("e1", "[shredded]"));

        unitOfWork.commit();

        InOrder order = inOrder(jdbc);
        order.verify(jdbc).batchUpdate(eq(RegistryRows.INSERT), any(BatchPreparedStatementSetter.class));
        order.verify(jdbc).batchUpdate(eq(RegistryRows.UPDATE), any(BatchPreparedStatementSetter.class));
        order.verify(jdbc).batchUpdate(eq(RegistryRows.SHRED), any(BatchPreparedStatementSetter.class));
        PreparedStatement[] updates = boundRows(RegistryRows.UPDATE, 2);
        verify(updates[0]).setInt(2, EnrollmentStage.USER_AUTHENTICATED.ordinal() + 1);
        verify(updates[0]).setString(24, "e1"); // e2 was inserted as folded: none of its changes is sent
        verify(updates[1]).setInt(2, EnrollmentStage.CLOSED.ordinal() + 1);
        verify(updates[1]).setString(24, "e1");
        verify(updates[1]).setLong(25, 2L);
    }

    @Test
    void changes_of_rows_from_earlier_batches_go_as_one_batch_of_the_same_update() throws SQLException {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.update(change("e1", 5, null, Column.OS_VERSION, "18.1"));
        rows.update(change("e2", 7, EnrollmentStage.ENROLLED, Column.ENROLLED_AT, T0));
        rows.update(change("e1", 6, null, Column.OS_VERSION, null));

        unitOfWork.commit();

        verify(jdbc, never()).batchUpdate(eq(RegistryRows.INSERT), any(BatchPreparedStatementSetter.class));
        PreparedStatement[] updates = boundRows(RegistryRows.UPDATE, 3);
        verify(updates[0]).setInt(2, 0); // no stage change
        verify(updates[2]).setBoolean(12, true); // os_version set, to null: the flag says so
        verify(updates[2]).setNull(13, Types.VARCHAR);
    }

    @Test
    void outside_a_unit_of_work_a_change_runs_at_once() {
        rows.update(change("e1", 5, null, Column.OS_VERSION, "18.1"));
        verify(jdbc, times(1)).batchUpdate(eq(RegistryRows.UPDATE), any(BatchPreparedStatementSetter.class));
    }

    private PreparedStatement[] boundRows(String sql, int expected) throws SQLException {
        return BoundBatches.boundRows(jdbc, sql, expected);
    }


    private static RegistryRows.NewRow newRow(String ref, long sequence) {
        Map<Column, Object> row = new EnumMap<>(Column.class);
        row.put(Column.ENROLLMENT_REF, ref);
        row.put(Column.STAGE, EnrollmentStage.CHALLENGED.name());
        row.put(Column.OS_VERSION, "17.5");
        row.put(Column.REQUESTED_AT, T0);
        row.put(Column.LAST_EVENT_AT, T0);
        row.put(Column.LAST_SEQUENCE, sequence);
        return new RegistryRows.NewRow(row);
    }

    private static RegistryRows.Change change(String ref, long sequence, EnrollmentStage stage, Column column,
                                              Object value) {
        Map<Column, Object> sets = new EnumMap<>(Column.class);
        sets.put(column, value);
        return new RegistryRows.Change(ref, sequence, T0.plusMinutes(sequence), stage, sets);
    }
}
