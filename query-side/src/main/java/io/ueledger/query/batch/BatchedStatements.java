package io.ueledger.query.batch;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL statements a projection's handlers issue while its processor handles one batch of events, kept in
 * order and sent just before that batch's transaction commits (with the processor's token): each run of
 * consecutive statements with the same SQL goes as one JDBC batch. The statements run in the order the
 * handlers issued them, in the same transaction, so each sees what the ones before it wrote, exactly as if
 * they had been sent one by one; only the round trips are fewer. A handler that reads a table the queued
 * statements write calls {@link #flush()} first. Outside a unit of work (a plain call) a statement runs at
 * once.
 *
 * <p>Tables a projection never reads in Java can share one instance; a table that is read between events
 * gets its own, so that flushing before that read leaves the other tables' statements batched.
 */
public final class BatchedStatements {

    private record Statement(String sql, Object[] args) {
    }

    private final JdbcTemplate jdbc;
    private final UnitOfWorkQueue<Statement> queue;

    public BatchedStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.queue = new UnitOfWorkQueue<>(statement -> jdbc.update(statement.sql(), statement.args()), this::write);
    }

    /** Queues one parameterised statement for this batch (runs it at once outside a unit of work). */
    public void update(String sql, Object... args) {
        queue.add(new Statement(sql, args));
    }

    /** Sends what this batch has queued so far, e.g. before a query that must see it. */
    public void flush() {
        queue.flush();
    }

    private void write(List<Statement> pending) {
        int start = 0;
        while (start < pending.size()) {
            String sql = pending.get(start).sql();
            int end = start + 1;
            while (end < pending.size() && pending.get(end).sql().equals(sql)) {
                end++;
            }
            List<Object[]> rows = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                rows.add(pending.get(i).args());
            }
            jdbc.batchUpdate(sql, rows);
            start = end;
        }
    }
}
