package io.ueledger.query.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * The rebuild of one view: what the event store looked like when it was reset, and how far its
 * processor has come since. Progress is read from the processor's own {@link EventTrackerStatus}
 * per segment (the slowest segment is the view's position), never from a counter of ours.
 */
final class ViewRebuild {

    private final String view;
    private final long firstPosition;
    private final long targetPosition;
    private final Instant startedAt;
    private final Clock clock;
    private volatile Instant finishedAt;
    private volatile String resetError;

    ViewRebuild(String view, long firstPosition, long targetPosition, Clock clock) {
        this.view = view;
        this.firstPosition = firstPosition;
        this.targetPosition = targetPosition;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    String view() {
        return view;
    }

    void resetFailed(Throwable error) {
        resetError = String.valueOf(error.getMessage());
        finishedAt = clock.instant();
    }

    boolean isRunning() {
        return finishedAt == null;
    }

    private boolean finishSeen;

    /** True once, the first time it is asked after the rebuild finished (to hand the view back to other nodes). */
    synchronized boolean firstTimeFinishedSeen() {
        if (finishedAt == null || finishSeen) {
            return false;
        }
        finishSeen = true;
        return true;
    }

    /** Reads the processor's status; the first time it shows the view caught up, the rebuild is done. */
    synchronized ViewProgress progress(StreamingEventProcessor processor, long headPosition) {
        if (resetError != null) {
            return snapshot(firstPosition - 1, headPosition, ReplayState.FAILED, resetError);
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long current = segments.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(firstPosition - 1))
                .min()
                .orElse(firstPosition - 1);
        // Done once every segment is claimed and has processed the head as it was at the start. Not
        // "no segment is replaying": Axon keeps a ReplayToken until an event *after* the token at
        // reset arrives, so on a quiet store the flag would stay up for ever.
        if (finishedAt == null && coversEverySegment(segments) && current >= targetPosition) {
            finishedAt = clock.instant();
        }
        String error = segments.values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(s -> String.valueOf(s.getError()))
                .findFirst()
                .orElse(null);
        ReplayState state = finishedAt != null ? ReplayState.DONE
                : error != null ? ReplayState.FAILED : ReplayState.RUNNING;
        return snapshot(finishedAt != null ? Math.max(current, targetPosition) : current, headPosition, state, error);
    }

    /** Each segment of mask m is 1/(m+1) of the stream; claimed segments must add up to all of it. */
    private static boolean coversEverySegment(Map<Integer, EventTrackerStatus> segments) {
        double covered = segments.values().stream()
                .mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1))
                .sum();
        return covered > 0.999;
    }

    private ViewProgress snapshot(long current, long head, ReplayState state, String error) {
        long total = Math.max(0, targetPosition - firstPosition + 1);
        long done = Math.max(0, Math.min(current, targetPosition) - firstPosition + 1);
        int percent = state == ReplayState.DONE || total == 0 ? 100 : (int) Math.min(99, done * 100 / total);
        Instant until = finishedAt != null ? finishedAt : clock.instant();
        double seconds = Math.max(0.001, Duration.between(startedAt, until).toMillis() / 1000.0);
        long perSecond = Math.round(done / seconds);
        Long eta = state == ReplayState.DONE ? Long.valueOf(0)
                : perSecond == 0 ? null : (total - done + perSecond - 1) / perSecond;
        return new ViewProgress(view, state, startedAt, finishedAt, firstPosition, current, targetPosition, head,
                percent, perSecond, eta, error);
    }

    static long positionOr(OptionalLong position, long fallback) {
        return position.isPresent() ? position.getAsLong() : fallback;
    }
}
