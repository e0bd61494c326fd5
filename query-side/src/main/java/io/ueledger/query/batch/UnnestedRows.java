package io.ueledger.query.batch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows a projection's handler collects while its processor handles one batch of events, inserted just before
 * that batch's transaction commits (with the processor's token) by one statement that takes each column as an
 * array: {@code insert into t (a, b) select * from unnest(?::text[], ?::int8[]) ...}. PostgreSQL then plans and
 * runs one statement per batch instead of one per row (the rows still go into every index one by one), and the
 * driver binds one array per column instead of a parameter per column and row. Outside a unit of work (a plain
 * call) the row is inserted at once, as a batch of one.
 */
public final class UnnestedRows {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final List<String> columnTypes;
    private final UnitOfWorkQueue<Object[]> queue;

    /**
     * @param sql         one statement whose parameters are the columns as arrays, in order
     * @param columnTypes each column's PostgreSQL element type, as {@link Connection#createArrayOf} takes it
     */
    public UnnestedRows(JdbcTemplate jdbc, String sql, String... columnTypes) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.columnTypes = List.of(columnTypes);
        this.queue = new UnitOfWorkQueue<>(row -> write(List.<Object[]>of(row)), this::write);
    }

    /** One row: a value per column, in the order of the column types. */
    public void add(Object... row) {
        if (row.length != columnTypes.size()) {
            throw new IllegalArgumentException("a row of " + columnTypes.size() + " columns, not " + row.length);
        }
        queue.add(row);
    }

    /** Writes what this batch has collected so far, e.g. before a statement that must see those rows. */
    public void flush() {
        queue.flush();
    }

    /** The rows as one array per column. */
    static Object[][] columns(List<Object[]> rows, int width) {
        Object[][] columns = new Object[width][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            for (int c = 0; c < width; c++) {
                columns[c][r] = row[c];
            }
        }
        return columns;
    }

    private void write(List<Object[]> rows) {
        Object[][] columns = columns(rows, columnTypes.size());
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int c = 0; c < columns.length; c++) {
                Array array = connection.createArrayOf(columnTypes.get(c), columns[c]);
                statement.setArray(c + 1, array);
            }
            return statement;
        });
    }
}
