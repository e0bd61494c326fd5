package io.ueledger.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

/** Progress figures from the processor's segment status: slowest segment, rate, ETA, done. */
class ViewRebuildTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);

    @Test
    void progress_is_the_slowest_segment_against_the_head_at_the_start() {
        ViewRebuild rebuild = new ViewRebuild("enrollment-registry", 1, 1_000, clock);
        clock.advance(Duration.ofSeconds(10));
        status(segment(true, 420), segment(true, 600));

        ViewProgress progress = rebuild.progress(processor, 1_200);

        assertThat(progress.state()).isEqualTo(ReplayState.RUNNING);
        assertThat(progress.currentPosition()).isEqualTo(420);
        assertThat(progress.percentDone()).isEqualTo(42);
        assertThat(progress.eventsPerSecond()).isEqualTo(42);
        assertThat(progress.etaSeconds()).isEqualTo(14); // 580 left at 42/s, rounded up
        assertThat(progress.headPosition()).isEqualTo(1_200);
        assertThat(rebuild.isRunning()).isTrue();
    }

    @Test
    void done_once_no_segment_replays_and_all_passed_the_target() {
        ViewRebuild rebuild = new ViewRebuild("device-history", 1, 1_000, clock);
        status(segment(false, 1_000), segment(true, 990));
        assertThat(rebuild.progress(processor, 1_000).state()).isEqualTo(ReplayState.RUNNING);

        clock.advance(Duration.ofSeconds(2));
        status(segment(false, 1_005), segment(false, 1_001));
        ViewProgress done = rebuild.progress(processor, 1_005);

        assertThat(done.state()).isEqualTo(ReplayState.DONE);
        assertThat(done.percentDone()).isEqualTo(100);
        assertThat(done.etaSeconds()).isZero();
        assertThat(done.eventsPerSecond()).isEqualTo(500);
        assertThat(rebuild.isRunning()).isFalse();
    }

    @Test
    void done_at_the_head_of_a_quiet_store_although_axon_still_flags_a_replay() {
        ViewRebuild rebuild = new ViewRebuild("device-history", 1, 1_000, clock);
        status(segment(true, 1_000), segment(true, 1_000));

        assertThat(rebuild.progress(processor, 1_000).state()).isEqualTo(ReplayState.DONE);
    }

    @Test
    void not_done_while_a_segment_is_unclaimed() {
        ViewRebuild rebuild = new ViewRebuild("device-history", 1, 1_000, clock);
        EventTrackerStatus half = segment(false, 1_000);
        when(processor.processingStatus()).thenReturn(Map.of(0, half));

        assertThat(rebuild.progress(processor, 1_000).state()).isEqualTo(ReplayState.RUNNING);
    }

    @Test
    void not_done_before_the_processor_has_claimed_its_segments() {
        ViewRebuild rebuild = new ViewRebuild("device-history", 1, 1_000, clock);
        when(processor.processingStatus()).thenReturn(Map.of());

        ViewProgress progress = rebuild.progress(processor, 1_000);

        assertThat(progress.state()).isEqualTo(ReplayState.RUNNING);
        assertThat(progress.percentDone()).isZero();
        assertThat(progress.etaSeconds()).isNull();
    }

    @Test
    void a_reset_that_failed_is_reported_as_failed() {
        ViewRebuild rebuild = new ViewRebuild("device-history", 1, 1_000, clock);
        rebuild.resetFailed(new IllegalStateException("segment 3 is claimed by another node"));

        ViewProgress progress = rebuild.progress(processor, 1_000);

        assertThat(progress.state()).isEqualTo(ReplayState.FAILED);
        assertThat(progress.error()).contains("claimed by another node");
        assertThat(rebuild.isRunning()).isFalse();
    }

    /** Two segments, each half of the stream (as a split root segment). */
    private void status(EventTrackerStatus... segments) {
        Map<Integer, EventTrackerStatus> map = new java.util.HashMap<>();
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        for (int i = 0; i < segments.length; i++) {
            when(segments[i].getSegment()).thenReturn(halves[i]);
            map.put(i, segments[i]);
        }
        when(processor.processingStatus()).thenReturn(map);
    }

    private static EventTrackerStatus segment(boolean replaying, long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getSegment()).thenReturn(Segment.ROOT_SEGMENT.split()[0]);
        when(status.isReplaying()).thenReturn(replaying);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        return status;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
