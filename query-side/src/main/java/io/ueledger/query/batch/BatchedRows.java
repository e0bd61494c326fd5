package io.ueledger.query.batch;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows a projection's handler collects while its processor handles one batch of events, written as one JDBC
 * batch just before that batch's transaction commits (with the processor's token): {@link BatchedStatements}
 * with one statement. A processor with batch size 100 then sends one batch of inserts instead of a hundred
 * single statements. Outside a unit of work (a plain call) the row is written at once.
 */
public final class BatchedRows {

    private final String sql;
    private final BatchedStatements statements;

    /** @param sql one parameterised statement, run once per row */
    public BatchedRows(JdbcTemplate jdbc, String sql) {
        this.sql = sql;
        this.statements = new BatchedStatements(jdbc);
    }

    public void add(Object... row) {
        statements.update(sql, row);
    }

    /** Writes what this batch has collected so far, e.g. before a statement that must see those rows. */
    public void flush() {
        statements.flush();
    }
}
