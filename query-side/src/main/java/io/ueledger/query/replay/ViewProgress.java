package io.ueledger.query.replay;

import java.time.Instant;

/**
 * How far the rebuild of one view is, in positions of the global event stream.
 *
 * @param firstPosition   global index of the first event in the store when the rebuild started
 * @param currentPosition the last global index every segment of the view has processed
 * @param targetPosition  the head of the event store when the rebuild started: done means past it
 * @param headPosition    the head of the event store now (live events keep arriving)
 * @param eventsPerSecond events processed per second since the rebuild started
 * @param etaSeconds      seconds to reach the target at that rate; null before the rate is known
 */
public record ViewProgress(
        String view,
        ReplayState state,
        Instant startedAt,
        Instant finishedAt,
        long firstPosition,
        long currentPosition,
        long targetPosition,
        long headPosition,
        int percentDone,
        long eventsPerSecond,
        Long etaSeconds,
        String error) {
}
