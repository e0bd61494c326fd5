package io.ueledger.query.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;

class BatchedRowsTest {

    private static final String SQL = "insert into t (a, b) values (?, ?)";

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final BatchedRows rows = new BatchedRows(jdbc, SQL);

    @Test
    void rows_added_during_one_unit_of_work_are_written_as_one_batch_when_it_commits() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.add("e1", 1);
        rows.add("e2", 2);
        rows.add("e3", 3);
        verify(jdbc, never()).batchUpdate(eq(SQL), anyList());

        unitOfWork.commit();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<Object[]>> batch = ArgumentCaptor.forClass(List.class);
        verify(jdbc).batchUpdate(eq(SQL), batch.capture());
        assertThat(batch.getValue()).extracting(row -> row[0]).containsExactly("e1", "e2", "e3");
        verify(jdbc, never()).update(eq(SQL), (Object[]) org.mockito.ArgumentMatchers.any());
    }

    @Test
    void a_flush_writes_what_was_collected_so_far_and_the_commit_only_the_rest() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.add("e1", 1);
        rows.flush();
        rows.add("e2", 2);
        unitOfWork.commit();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<Object[]>> batches = ArgumentCaptor.forClass(List.class);
        verify(jdbc, org.mockito.Mockito.times(2)).batchUpdate(eq(SQL), batches.capture());
        assertThat(batches.getAllValues()).extracting(batch -> batch.get(0)[0]).containsExactly("e1", "e2");
        assertThat(batches.getAllValues()).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void a_rolled_back_unit_of_work_writes_nothing() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.add("e1", 1);
        unitOfWork.rollback();

        verify(jdbc, never()).batchUpdate(eq(SQL), anyList());
    }

    @Test
    void outside_a_unit_of_work_a_row_is_written_at_once() {
        rows.add("e1", 1);

        verify(jdbc).update(SQL, "e1", 1);
    }
}
