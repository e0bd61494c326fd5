package io.ueledger.query.support;

import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.query.batch.TypedBatch;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A view's {@code stage} column moves only forward, in {@link EnrollmentStage} order, as in the aggregate (a later
 * sign-in does not move an enrolled device back): the same rule as one parameterised SQL assignment and in Java,
 * for views that fold a batch's changes to a row before writing it.
 */
public final class ForwardStage {

    /** The assignment; its three parameters are bound by {@link #bind}. */
    public static final String ASSIGNMENT =
            "stage = case when array_position(cast(? as text[]), stage) < ? then ? else stage end";

    /** The stage order as a PostgreSQL array literal, so SQL can compare stages by position. */
    private static final String ORDER = Arrays.stream(EnrollmentStage.values())
            .map(Enum::name)
            .collect(Collectors.joining(",", "{", "}"));

    private ForwardStage() {
    }

    /**
     * Binds {@link #ASSIGNMENT}'s parameters from {@code index} on: move to {@code stage}, or stay when it is null.
     *
     * @return the index of the next parameter
     */
    public static int bind(PreparedStatement ps, int index, EnrollmentStage stage) throws SQLException {
        ps.setString(index, ORDER);
        ps.setInt(index + 1, stage == null ? 0 : stage.ordinal() + 1);
        TypedBatch.bind(ps, index + 2, Types.VARCHAR, stage == null ? null : stage.name());
        return index + 3;
    }

    /** The stage a row at {@code current} (a stage name) is at after a move to {@code stage} (null: stays). */
    public static String after(String current, EnrollmentStage stage) {
        return stage != null && EnrollmentStage.valueOf(current).compareTo(stage) < 0 ? stage.name() : current;
    }
}
