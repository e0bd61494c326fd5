package io.ueledger.query.compliance;

import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.query.batch.RowFolding;
import io.ueledger.query.batch.TypedBatch;
import io.ueledger.query.batch.UnitOfWorkQueue;
import io.ueledger.query.support.ForwardStage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The changes of one processor batch to {@code compliance_enrollment}, written when the batch commits by
 * {@link RowFolding}: an enrollment the batch creates (a rebuild, a device enrolling) is inserted once as its
 * events leave it, instead of an insert and a dozen updates that each write a row version into three indexes.
 * Every other change is one parameterised update of the same text (a flag per column), so they go as one JDBC
 * batch too. Outside a unit of work (a plain call) each change runs at once.
 *
 * <p>The view's rules, in SQL and in the fold alike: the stage only moves forward in {@link EnrollmentStage}
 * order; every other column takes the value a change sets. A redelivered batch therefore changes nothing.
 */
final class ComplianceEnrollmentRows {

    /** The view's columns with their JDBC types, in the order of {@link #INSERT}. */
    enum Column {
        ENROLLMENT_REF(Types.VARCHAR), MANAGED_APPLE_ACCOUNT(Types.VARCHAR), PLATFORM(Types.VARCHAR),
        OS_VERSION(Types.VARCHAR), STAGE(Types.VARCHAR), ENROLLED_AT(Types.TIMESTAMP_WITH_TIMEZONE),
        KEYS_CREATED(Types.VARCHAR, "jsonb"), UNENROLLMENT_REQUESTED_AT(Types.TIMESTAMP_WITH_TIMEZONE),
        UNENROLLMENT_REQUESTED_BY(Types.VARCHAR), KEYS_DESTROYED(Types.VARCHAR, "jsonb"),
        KEYS_DESTROYED_EVENT_ID(Types.VARCHAR), REMOVED_PROFILES(Types.VARCHAR, "jsonb"),
        REMOVED_APPS(Types.VARCHAR, "jsonb"), REMOVED_ACCOUNTS(Types.VARCHAR, "jsonb"),
        REMOVED_PER_APP_SETTINGS(Types.INTEGER), MANAGED_DATA_REMOVED_EVENT_ID(Types.VARCHAR),
        CLOSED_AT(Types.TIMESTAMP_WITH_TIMEZONE), CLOSURE_REASON(Types.VARCHAR), CLOSED_EVENT_ID(Types.VARCHAR);

        final int sqlType;
        /** The parameter as SQL: JSON documents are sent as text and cast. */
        final String parameter;

        Column(int sqlType) {
            this(sqlType, null);
        }

        Column(int sqlType, String cast) {
            this.sqlType = sqlType;
            this.parameter = cast == null ? "?" : "cast(? as " + cast + ")";
        }

        String sqlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every column but the key and the stage: what a change may set. */
    static final List<Column> SETTABLE = Arrays.stream(Column.values())
            .filter(c -> c != Column.ENROLLMENT_REF && c != Column.STAGE)
            .toList();

    static final String INSERT = "insert into compliance_enrollment ("
            + Arrays.stream(Column.values()).map(Column::sqlName).collect(Collectors.joining(", "))
            + ") values (" + Arrays.stream(Column.values()).map(c -> c.parameter).collect(Collectors.joining(", "))
            + ") on conflict (enrollment_ref) do nothing";

    /** One text for every change: the stage moves forward to the given position (0: stays), flagged columns are set. */
    static final String UPDATE = "update compliance_enrollment set "
            + ForwardStage.ASSIGNMENT + ", "
            + SETTABLE.stream().map(c -> c.sqlName() + " = case when ? then " + c.parameter + " else " + c.sqlName()
                    + " end").collect(Collectors.joining(", "))
            + " where enrollment_ref = ?";

    /** A change of one enrollment's row: a new row (its first event), or a stage to reach and columns to set. */
    record Change(String ref, boolean creates, EnrollmentStage stage, Map<Column, Object> sets) {
        Change {
            if (!creates && !SETTABLE.containsAll(sets.keySet())) {
                throw new IllegalArgumentException("not a settable column: " + sets.keySet());
            }
        }
    }

    private final JdbcTemplate jdbc;
    private final UnitOfWorkQueue<Change> queue;

    ComplianceEnrollmentRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.queue = new UnitOfWorkQueue<>(change -> sendInOrder(List.of(change)), this::write);
    }

    /** The enrollment's row as its first event creates it ("on conflict do nothing"). */
    void create(String ref, EnrollmentStage stage, Map<Column, Object> values) {
        queue.add(new Change(ref, true, stage, values));
    }

    /** Moves the stage forward to {@code stage} (null: stays) and sets the given columns. */
    void update(String ref, EnrollmentStage stage, Map<Column, Object> sets) {
        queue.add(new Change(ref, false, stage, sets));
    }

    /** Writes what this batch has queued so far, before a read of the view. */
    void flush() {
        queue.flush();
    }

    private void write(List<Change> pending) {
        RowFolding.write(pending, new RowFolding.Table<Change, Map<Column, Object>>() {
            @Override
            public String keyOf(Change change) {
                return change.ref();
            }

            @Override
            public Map<Column, Object> created(Change change) {
                return change.creates() ? newRow(change) : null;
            }

            @Override
            public void apply(Map<Column, Object> row, Change change) {
                if (change.creates()) {
                    return; // the row exists: "on conflict do nothing"
                }
                row.put(Column.STAGE, ForwardStage.after((String) row.get(Column.STAGE), change.stage()));
                row.putAll(change.sets());
            }

            @Override
            public int[] insert(List<Map<Column, Object>> rows) {
                return jdbc.batchUpdate(INSERT, TypedBatch.of(rows.size(), (ps, i) -> bindRow(ps, rows.get(i))));
            }

            @Override
            public void sendInOrder(List<Change> changes) {
                ComplianceEnrollmentRows.this.sendInOrder(changes);
            }
        });
    }

    private static Map<Column, Object> newRow(Change change) {
        Map<Column, Object> row = new EnumMap<>(Column.class);
        row.putAll(change.sets());
        row.put(Column.ENROLLMENT_REF, change.ref());
        row.put(Column.STAGE, change.stage().name());
        return row;
    }

    /** Each change as its own statement, in order; each run of inserts or of updates as one JDBC batch. */
    private void sendInOrder(List<Change> changes) {
        int start = 0;
        while (start < changes.size()) {
            boolean creates = changes.get(start).creates();
            int end = start + 1;
            while (end < changes.size() && changes.get(end).creates() == creates) {
                end++;
            }
            List<Change> run = changes.subList(start, end);
            if (creates) {
                jdbc.batchUpdate(INSERT, TypedBatch.of(run.size(), (ps, i) -> bindRow(ps, newRow(run.get(i)))));
            } else {
                jdbc.batchUpdate(UPDATE, TypedBatch.of(run.size(), (ps, i) -> bindChange(ps, run.get(i))));
            }
            start = end;
        }
    }

    private static void bindRow(PreparedStatement ps, Map<Column, Object> row) throws SQLException {
        int index = 1;
        for (Column column : Column.values()) {
            TypedBatch.bind(ps, index++, column.sqlType, row.get(column));
        }
    }

    private static void bindChange(PreparedStatement ps, Change change) throws SQLException {
        int index = ForwardStage.bind(ps, 1, change.stage());
        for (Column column : SETTABLE) {
            boolean set = change.sets().containsKey(column);
            ps.setBoolean(index++, set);
            TypedBatch.bind(ps, index++, column.sqlType, set ? change.sets().get(column) : null);
        }
        ps.setString(index, change.ref());
    }
}
