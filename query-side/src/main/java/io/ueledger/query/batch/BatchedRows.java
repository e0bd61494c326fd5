package io.ueledger.query.batch;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows a projection's handler collects while its processor handles one batch of events, written as one JDBC
 * batch just before that batch's transaction commits (with the processor's token). A processor with batch size
 * 100 then sends one batch of inserts instead of a hundred single statements. Outside a unit of work (a plain
 * call) the row is written at once.
 */
public final class BatchedRows {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final String resourceKey;

    /** @param sql one parameterised statement, run once per row */
    public BatchedRows(JdbcTemplate jdbc, String sql) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.resourceKey = BatchedRows.class.getName() + "@" + System.identityHashCode(this);
    }

    public void add(Object... row) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, row);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Object[]> rows = root.getOrComputeResource(resourceKey, key -> {
            List<Object[]> pending = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> write(pending));
            return pending;
        });
        rows.add(row);
    }

    /** Writes what this batch has collected so far, e.g. before a statement that must see those rows. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            List<Object[]> rows = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (rows != null) {
                write(rows);
            }
        }
    }

    private void write(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, new ArrayList<>(rows));
            rows.clear();
        }
    }
}
