package io.ueledger.query.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;

class UnnestedRowsTest {

    private static final String SQL = "insert into t (a, b) select * from unnest(?::text[], ?::int8[])";

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final UnnestedRows rows = new UnnestedRows(jdbc, SQL, "text", "int8");

    @Test
    void rows_added_during_one_unit_of_work_go_as_one_statement_of_column_arrays_when_it_commits() throws SQLException {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.add("e1", 1L);
        rows.add("e2", 2L);
        rows.add("e3", null);
        verify(jdbc, never()).update(any(PreparedStatementCreator.class));

        unitOfWork.commit();

        Connection connection = statementSent(1);
        verify(connection).createArrayOf("text", new String[] {"e1", "e2", "e3"});
        verify(connection).createArrayOf("int8", new Long[] {1L, 2L, null});
    }

    @Test
    void a_flush_writes_what_was_collected_so_far_and_the_commit_only_the_rest() throws SQLException {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.add("e1", 1L);
        rows.flush();
        rows.add("e2", 2L);
        unitOfWork.commit();

        Connection connection = statementSent(2);
        verify(connection).createArrayOf("text", new String[] {"e1"});
        verify(connection).createArrayOf("text", new String[] {"e2"});
    }

    @Test
    void a_rolled_back_unit_of_work_writes_nothing() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        rows.add("e1", 1L);
        unitOfWork.rollback();

        verify(jdbc, never()).update(any(PreparedStatementCreator.class));
    }

    @Test
    void outside_a_unit_of_work_a_row_is_written_at_once() throws SQLException {
        rows.add("e1", 1L);

        verify(statementSent(1)).createArrayOf("text", new String[] {"e1"});
    }

    @Test
    void a_row_of_the_wrong_width_is_refused_when_added() {
        assertThatThrownBy(() -> rows.add("e1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row of 2 columns, not 1");
    }

    @Test
    void the_row_source_casts_each_array_parameter_to_its_column_type() {
        assertThat(ColumnArrayInsert.unnest("varchar", "int8", "bytea"))
                .isEqualTo("unnest(?::varchar[], ?::int8[], ?::bytea[])");
    }

    @Test
    void columns_are_the_rows_transposed_each_typed_by_its_values() {
        byte[] hash = {1, 2};
        Object[][] columns = ColumnArrayInsert.columns(List.of(new Object[] {"a", 1L, hash},
                new Object[] {null, 2L, null}), 3);

        assertThat(columns[0]).isInstanceOf(String[].class).containsExactly("a", null);
        assertThat(columns[1]).isInstanceOf(Long[].class).containsExactly(1L, 2L);
        assertThat(columns[2]).isInstanceOf(byte[][].class).containsExactly(hash, null);
    }

    /** Runs each statement creator the template was given against one mocked connection, which it returns. */
    private Connection statementSent(int statements) throws SQLException {
        ArgumentCaptor<PreparedStatementCreator> creator = ArgumentCaptor.forClass(PreparedStatementCreator.class);
        verify(jdbc, times(statements)).update(creator.capture());
        Connection connection = mock(Connection.class);
        PreparedStatement statement = mock(PreparedStatement.class);
        when(connection.prepareStatement(SQL)).thenReturn(statement);
        when(connection.createArrayOf(any(), any())).thenReturn(mock(Array.class));
        for (PreparedStatementCreator each : creator.getAllValues()) {
            each.createPreparedStatement(connection);
        }
        verify(statement, times(2 * statements)).setArray(org.mockito.ArgumentMatchers.anyInt(), any(Array.class));
        return connection;
    }
}
