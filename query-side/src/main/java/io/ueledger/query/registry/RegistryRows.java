package io.ueledger.query.registry;

import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.query.batch.RowFolding;
import io.ueledger.query.batch.TypedBatch;
import io.ueledger.query.batch.UnitOfWorkQueue;
import io.ueledger.query.support.ForwardStage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The registry's row changes of one processor batch, written when the batch commits (with the processor's
 * token) by {@link RowFolding}: one insert per enrollment the batch creates, its events folded here exactly as
 * the SQL would apply them (the sequence guard, the forward-only stage). Every other change is one
 * parameterised update of the same text, so a batch's updates go as one JDBC batch too. A rebuild then writes
 * each row once instead of once per event (14 row versions, each in six indexes, before).
 *
 * <p>Outside a unit of work (a plain call) each change runs at once.
 */
final class RegistryRows {

    /** The registry's columns with their JDBC types, in the order of {@link #INSERT}. */
    enum Column {
        ENROLLMENT_REF(Types.VARCHAR), STAGE(Types.VARCHAR), PLATFORM(Types.VARCHAR), OS_VERSION(Types.VARCHAR),
        PRODUCT(Types.VARCHAR), MANAGED_APPLE_ACCOUNT(Types.VARCHAR), ENROLLMENT_ID(Types.VARCHAR),
        USER_IDENTIFIER_DOMAIN(Types.VARCHAR), MODEL_FAMILY(Types.VARCHAR),
        REQUESTED_AT(Types.TIMESTAMP_WITH_TIMEZONE), ENROLLED_AT(Types.TIMESTAMP_WITH_TIMEZONE),
        CLOSED_AT(Types.TIMESTAMP_WITH_TIMEZONE), CLOSURE_REASON(Types.VARCHAR),
        UNENROLLMENT_REQUESTED_AT(Types.TIMESTAMP_WITH_TIMEZONE), LAST_EVENT_AT(Types.TIMESTAMP_WITH_TIMEZONE),
        LAST_SEQUENCE(Types.BIGINT);

        final int sqlType;

        Column(int sqlType) {
            this.sqlType = sqlType;
        }

        String sqlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Columns an event may set after the row exists (besides the stage and the "last event" columns). */
    static final List<Column> SETTABLE = List.of(Column.MANAGED_APPLE_ACCOUNT, Column.ENROLLMENT_ID, Column.PLATFORM,
            Column.PRODUCT, Column.OS_VERSION, Column.ENROLLED_AT, Column.UNENROLLMENT_REQUESTED_AT, Column.CLOSED_AT,
            Column.CLOSURE_REASON);

    static final String INSERT = "insert into enrollment_registry ("
            + Arrays.stream(Column.values()).map(Column::sqlName).collect(Collectors.joining(", "))
            + ") values (" + Arrays.stream(Column.values()).map(c -> "?").collect(Collectors.joining(", "))
            + ") on conflict (enrollment_ref) do nothing";

    /**
     * One text for every change: the stage moves forward to the given position (0: stays), each settable
     * column takes its value when its flag says so, and only for an event later than the last one applied.
     */
    static final String UPDATE = "update enrollment_registry set "
            + ForwardStage.ASSIGNMENT + ", "
            + SETTABLE.stream().map(c -> c.sqlName() + " = case when ? then ? else " + c.sqlName() + " end")
                    .collect(Collectors.joining(", "))
            + ", last_event_at = ?, last_sequence = ? where enrollment_ref = ? and last_sequence < ?";

    /** Not guarded by the sequence: the closing event shreds whatever account the row still shows. */
    static final String SHRED = "update enrollment_registry set managed_apple_account = ? "
            + "where enrollment_ref = ? and managed_apple_account is not null";

    /** A new row as the first event of an enrollment writes it ("on conflict do nothing"). */
    record NewRow(Map<Column, Object> values) {
        String ref() {
            return (String) values.get(Column.ENROLLMENT_REF);
        }
    }

    /** A guarded change of one row by the event at {@code sequence}. */
    record Change(String ref, long sequence, OffsetDateTime lastEventAt, EnrollmentStage advanceTo,
                  Map<Column, Object> sets) {
        Change {
            if (!SETTABLE.containsAll(sets.keySet())) {
                throw new IllegalArgumentException("not a settable registry column: " + sets.keySet());
            }
        }
    }

    /** The closing event's unguarded shredding of the account. */
    record Shred(String ref, String marker) {
    }

    private final JdbcTemplate jdbc;
    private final UnitOfWorkQueue<Object> queue = new UnitOfWorkQueue<>(change -> sendInOrder(List.of(change)),
            this::write);

    RegistryRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(NewRow row) {
        queue.add(row);
    }

    void update(Change change) {
        queue.add(change);
    }

    void shred(Shred shred) {
        queue.add(shred);
    }

    private void write(List<Object> pending) {
        RowFolding.write(pending, new RowFolding.Table<Object, Map<Column, Object>>() {
            @Override
            public String keyOf(Object change) {
                return refOf(change);
            }

            @Override
            public Map<Column, Object> created(Object change) {
                return change instanceof NewRow row ? new LinkedHashMap<>(row.values()) : null;
            }

            @Override
            public void apply(Map<Column, Object> row, Object change) {
                RegistryRows.apply(row, change);
            }

            @Override
            public int[] insert(List<Map<Column, Object>> rows) {
                return jdbc.batchUpdate(INSERT, TypedBatch.of(rows.size(), (ps, i) -> bindRow(ps, rows.get(i))));
            }

            @Override
            public void sendInOrder(List<Object> changes) {
                RegistryRows.this.sendInOrder(changes);
            }
        });
    }

    /** The change as the guarded SQL would apply it to a row this batch inserted. */
    private static void apply(Map<Column, Object> row, Object change) {
        if (change instanceof Change c) {
            if ((Long) row.get(Column.LAST_SEQUENCE) >= c.sequence()) {
                return;
            }
            row.put(Column.STAGE, ForwardStage.after((String) row.get(Column.STAGE), c.advanceTo()));
            row.putAll(c.sets());
            row.put(Column.LAST_EVENT_AT, c.lastEventAt());
            row.put(Column.LAST_SEQUENCE, c.sequence());
        } else if (change instanceof Shred s && row.get(Column.MANAGED_APPLE_ACCOUNT) != null) {
            row.put(Column.MANAGED_APPLE_ACCOUNT, s.marker());
        }
        // a second NewRow for a row that exists: "on conflict do nothing"
    }

    /** Each change as its own statement, in order; each run of the same statement as one JDBC batch. */
    private void sendInOrder(List<Object> changes) {
        int start = 0;
        while (start < changes.size()) {
            Class<?> kind = changes.get(start).getClass();
            int end = start + 1;
            while (end < changes.size() && changes.get(end).getClass() == kind) {
                end++;
            }
            List<Object> run = changes.subList(start, end);
            if (kind == NewRow.class) {
                jdbc.batchUpdate(INSERT, TypedBatch.of(run.size(), (ps, i) -> bindRow(ps, ((NewRow) run.get(i)).values())));
            } else if (kind == Change.class) {
                jdbc.batchUpdate(UPDATE, TypedBatch.of(run.size(), (ps, i) -> bindChange(ps, (Change) run.get(i))));
            } else {
                jdbc.batchUpdate(SHRED, TypedBatch.of(run.size(), (ps, i) -> {
                    Shred shred = (Shred) run.get(i);
                    ps.setString(1, shred.marker());
                    ps.setString(2, shred.ref());
                }));
            }
            start = end;
        }
    }

    private static void bindRow(PreparedStatement ps, Map<Column, Object> row) throws SQLException {
        int index = 1;
        for (Column column : Column.values()) {
            bind(ps, index++, column, row.get(column));
        }
    }

    private static void bindChange(PreparedStatement ps, Change change) throws SQLException {
        int index = ForwardStage.bind(ps, 1, change.advanceTo());
        for (Column column : SETTABLE) {
            boolean set = change.sets().containsKey(column);
            ps.setBoolean(index++, set);
            bind(ps, index++, column, set ? change.sets().get(column) : null);
        }
        bind(ps, index++, Column.LAST_EVENT_AT, change.lastEventAt());
        ps.setLong(index++, change.sequence());
        ps.setString(index++, change.ref());
        ps.setLong(index, change.sequence());
    }

    private static void bind(PreparedStatement ps, int index, Column column, Object value) throws SQLException {
        TypedBatch.bind(ps, index, column.sqlType, value);
    }

    private static String refOf(Object change) {
        if (change instanceof NewRow row) {
            return row.ref();
        }
        if (change instanceof Change c) {
            return c.ref();
        }
        return ((Shred) change).ref();
    }
}
