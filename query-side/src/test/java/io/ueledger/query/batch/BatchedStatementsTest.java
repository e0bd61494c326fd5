package io.ueledger.query.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.jdbc.core.JdbcTemplate;

class BatchedStatementsTest {

    private static final String INSERT = "insert into t (a) values (?)";
    private static final String UPDATE = "update t set b = ? where a = ?";

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final BatchedStatements statements = new BatchedStatements(jdbc);

    @Test
    void statements_are_sent_in_their_order_at_commit_each_run_of_the_same_sql_as_one_batch() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        statements.update(INSERT, "e1");
        statements.update(UPDATE, 1, "e1");
        statements.update(UPDATE, 2, "e1");
        statements.update(INSERT, "e2");
        verify(jdbc, never()).batchUpdate(anyString(), anyList());

        unitOfWork.commit();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<Object[]>> batches = ArgumentCaptor.forClass(List.class);
        ArgumentCaptor<String> sql = ArgumentCaptor.forClass(String.class);
        verify(jdbc, org.mockito.Mockito.times(3)).batchUpdate(sql.capture(), batches.capture());
        assertThat(sql.getAllValues()).containsExactly(INSERT, UPDATE, INSERT);
        assertThat(batches.getAllValues().get(0)).extracting(row -> row[0]).containsExactly("e1");
        assertThat(batches.getAllValues().get(1)).extracting(row -> row[0]).containsExactly(1, 2);
        assertThat(batches.getAllValues().get(2)).extracting(row -> row[0]).containsExactly("e2");
    }

    @Test
    void a_flush_sends_what_was_queued_so_far_and_the_commit_only_the_rest() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        statements.update(INSERT, "e1");
        statements.flush();
        verify(jdbc).batchUpdate(org.mockito.ArgumentMatchers.eq(INSERT), anyList());
        statements.update(UPDATE, 1, "e1");
        unitOfWork.commit();

        InOrder order = inOrder(jdbc);
        order.verify(jdbc).batchUpdate(org.mockito.ArgumentMatchers.eq(INSERT), anyList());
        order.verify(jdbc).batchUpdate(org.mockito.ArgumentMatchers.eq(UPDATE), anyList());
        order.verifyNoMoreInteractions();
    }

    @Test
    void two_instances_keep_their_own_queues_so_flushing_one_leaves_the_other_batched() {
        BatchedStatements other = new BatchedStatements(jdbc);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        statements.update(INSERT, "e1");
        other.update(UPDATE, 1, "e1");
        other.flush();

        verify(jdbc).batchUpdate(org.mockito.ArgumentMatchers.eq(UPDATE), anyList());
        verify(jdbc, never()).batchUpdate(org.mockito.ArgumentMatchers.eq(INSERT), anyList());
        unitOfWork.commit();
        verify(jdbc).batchUpdate(org.mockito.ArgumentMatchers.eq(INSERT), anyList());
    }

    @Test
    void a_rolled_back_unit_of_work_sends_nothing() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        statements.update(INSERT, "e1");
        unitOfWork.rollback();

        verify(jdbc, never()).batchUpdate(anyString(), anyList());
    }

    @Test
    void outside_a_unit_of_work_a_statement_runs_at_once() {
        statements.update(UPDATE, 1, "e1");

        verify(jdbc).update(UPDATE, 1, "e1");
    }
}
