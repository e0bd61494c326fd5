package io.ueledger.query.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a mocked {@link JdbcTemplate} was given as a typed JDBC batch, bound to statements a test can verify. */
public final class BoundBatches {

    private BoundBatches() {
    }

    /** Binds each row of the one batch sent for {@code sql} to a prepared statement of its own. */
    public static PreparedStatement[] boundRows(JdbcTemplate jdbc, String sql, int expected) throws SQLException {
        ArgumentCaptor<BatchPreparedStatementSetter> setter = ArgumentCaptor.forClass(BatchPreparedStatementSetter.class);
        verify(jdbc).batchUpdate(eq(sql), setter.capture());
        assertThat(setter.getValue().getBatchSize()).isEqualTo(expected);
        PreparedStatement[] statements = new PreparedStatement[expected];
        for (int i = 0; i < expected; i++) {
            statements[i] = mock(PreparedStatement.class);
            setter.getValue().setValues(statements[i], i);
        }
        return statements;
    }
}
