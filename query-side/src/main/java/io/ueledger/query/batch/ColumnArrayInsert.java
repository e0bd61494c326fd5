package io.ueledger.query.batch;

import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows with one statement that takes each column as an array:
 * {@code insert into t (a, b) select * from unnest(?::text[], ?::int8[]) ...} ({@link #unnest} writes that
 * part). PostgreSQL then plans and runs one statement instead of one per row (the rows still go into every index
 * one by one), and the driver binds one array per column instead of a parameter per column and row.
 */
public final class ColumnArrayInsert {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final List<String> columnTypes;

    /**
     * @param sql         one statement whose parameters are the columns as arrays, in order
     * @param columnTypes each column's PostgreSQL element type, as {@link java.sql.Connection#createArrayOf} takes it
     */
    public ColumnArrayInsert(JdbcTemplate jdbc, String sql, String... columnTypes) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.columnTypes = List.of(columnTypes);
    }

    /** The statement's row source for these column types: {@code unnest(?::varchar[], ?::int8[], …)}. */
    public static String unnest(String... columnTypes) {
        return Arrays.stream(columnTypes).map(type -> "?::" + type + "[]")
                .collect(Collectors.joining(", ", "unnest(", ")"));
    }

    /** @throws IllegalArgumentException unless the row has a value per column */
    public void requireWidth(Object[] row) {
        if (row.length != columnTypes.size()) {
            throw new IllegalArgumentException("a row of " + columnTypes.size() + " columns, not " + row.length);
        }
    }

    /** Inserts the rows, each a value per column in the order of the column types. */
    public void insert(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        rows.forEach(this::requireWidth);
        Object[][] columns = columns(rows, columnTypes.size());
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int c = 0; c < columns.length; c++) {
                statement.setArray(c + 1, connection.createArrayOf(columnTypes.get(c), columns[c]));
            }
            return statement;
        });
    }

    /** The rows as one array per column, each typed by its values (byte arrays as {@code byte[][]}, for bytea). */
    static Object[][] columns(List<Object[]> rows, int width) {
        Object[][] columns = new Object[width][];
        for (int c = 0; c < width; c++) {
            int column = c;
            Class<?> type = rows.stream().map(row -> row[column]).filter(Objects::nonNull).findFirst()
                    .<Class<?>>map(Object::getClass).orElse(Object.class);
            columns[c] = (Object[]) Array.newInstance(type, rows.size());
        }
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = rows.get(r);
            for (int c = 0; c < width; c++) {
                columns[c][r] = row[c];
            }
        }
        return columns;
    }
}
