package io.ueledger.query.batch;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;

/**
 * A JDBC batch whose parameters are bound with their SQL types: a null is sent as a null of its column's type,
 * so the driver never asks PostgreSQL what type a parameter is.
 */
public final class TypedBatch {

    /** Binds the parameters of the batch's {@code i}-th statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps, int i) throws SQLException;
    }

    private TypedBatch() {
    }

    public static BatchPreparedStatementSetter of(int size, Binder binder) {
        return new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                binder.bind(ps, i);
            }

            @Override
            public int getBatchSize() {
                return size;
            }
        };
    }

    /** Binds one parameter as its column's type ({@link java.sql.Types}), null included. */
    public static void bind(PreparedStatement ps, int index, int sqlType, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        } else {
            ps.setObject(index, value, sqlType);
        }
    }
}
