package io.ueledger.query.batch;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows a projection's handler collects while its processor handles one batch of events, inserted just before
 * that batch's transaction commits (with the processor's token) by one {@link ColumnArrayInsert} statement
 * instead of a statement per row. Outside a unit of work (a plain call) the row is inserted at once.
 */
public final class UnnestedRows {

    private final ColumnArrayInsert insert;
    private final UnitOfWorkQueue<Object[]> queue;

    /** @see ColumnArrayInsert#ColumnArrayInsert(JdbcTemplate, String, String...) */
    public UnnestedRows(JdbcTemplate jdbc, String sql, String... columnTypes) {
        this.insert = new ColumnArrayInsert(jdbc, sql, columnTypes);
        this.queue = new UnitOfWorkQueue<>(row -> insert.insert(List.<Object[]>of(row)), insert::insert);
    }

    /** One row: a value per column, in the order of the column types. */
    public void add(Object... row) {
        insert.requireWidth(row);
        queue.add(row);
    }

    /** Writes what this batch has collected so far, e.g. before a statement that must see those rows. */
    public void flush() {
        queue.flush();
    }
}
