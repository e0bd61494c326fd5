package io.ueledger.query.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamptz} columns. The PostgreSQL driver takes and gives
 * {@link OffsetDateTime}, not {@link Instant}; UTC keeps what is stored independent of the JVM zone.
 */
public final class SqlTime {

    private SqlTime() {
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * The instant as {@code timestamptz} text input, for a value sent inside an array: rounded half up to the
     * microsecond, as the driver rounds an {@link OffsetDateTime} parameter, so both ways store the same value.
     */
    public static String text(Instant instant) {
        return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
