package io.ueledger.command.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event store, except that a reader never forgets an unfilled global index because of the
 * timestamp of the event it reads next.
 *
 * <p>Global indexes come from a PostgreSQL sequence when a row is inserted, and transactions commit in
 * any order, so a reader sees index n+1 while n is still a hole that may fill later. Axon remembers
 * such holes as gaps in the token and reads them again, but it records none (and drops those already
 * recorded) when the event it reads was <em>created</em> more than the gap timeout ago. Creation is
 * not commit: a reader that lags (a node taking over a processor after another was killed, a
 * processor started on a busy store, a slow start-up of two nodes at once) reads old events while
 * younger transactions below them are still open, and the late event is never read. Here holes are
 * always recorded, and the only give-up point is {@link #MAX_GAP_OFFSET} indexes behind the reader,
 * which no open transaction in this application reaches. Gap cleaning (gaps older than the gap timeout, once there are many) still runs, from
 * {@link #GAP_TIMEOUT_MILLIS}, on the timestamp of the event after a hole, for rolled-back
 * transactions' holes; it is set far beyond any transaction this application runs.
 *
 * <p>The tail (where a new processor or a replay starts) is likewise before the first index there can
 * be, not Axon's "lowest index stored now", which would skip a lower index still being written.
 */
public class CommitOrderSafeStorageEngine extends JdbcEventStorageEngine {

    /** Axon's default: holes further back than this many indexes are given up. */
    public static final int MAX_GAP_OFFSET = 10_000;
    /** Holes behind an event older than this may be cleaned once there are many of them. */
    public static final int GAP_TIMEOUT_MILLIS = 10 * 60 * 1000;
    /** Axon's default first global index. */
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;

    public CommitOrderSafeStorageEngine(Builder builder) {
        super(builder.maxGapOffset(MAX_GAP_OFFSET).lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(LOWEST_GLOBAL_SEQUENCE - 1, Collections.emptySortedSet());
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        // the row's own index: a token's position is the highest index read, not this (gap-filling) row's
        long globalIndex = resultSet.getLong(schema().globalIndexColumn());
        return new TrackedDomainEventData<>(tokenAfter(previousToken, globalIndex),
                (TrackedDomainEventData<?>) read);
    }

    /** The token after reading {@code globalIndex}: every unread index below it stays a gap. */
    static GapAwareTrackingToken tokenAfter(GapAwareTrackingToken previous, long globalIndex) {
        if (previous == null) {
            return GapAwareTrackingToken.newInstance(globalIndex,
                    LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalIndex), globalIndex).boxed()
                            .collect(Collectors.toCollection(TreeSet::new)));
        }
        return previous.advanceTo(globalIndex, MAX_GAP_OFFSET);
    }
}
