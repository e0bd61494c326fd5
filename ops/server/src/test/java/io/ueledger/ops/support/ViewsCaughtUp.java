package io.ueledger.ops.support;

import org.awaitility.Awaitility;

import io.ueledger.query.replay.RebuildableViews;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Waits until every rebuildable view has processed the event store up to its current head. */
public final class ViewsCaughtUp {

    private ViewsCaughtUp() {
    }

    public static void await(EventProcessingConfiguration processing, EventStore events, Duration atMost) {
        long head = events.createHeadToken().position().orElse(-1);
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> RebuildableViews.names().stream()
                .allMatch(view -> {
                    StreamingEventProcessor processor =
                            processing.eventProcessor(view, StreamingEventProcessor.class).orElseThrow();
                    var segments = processor.processingStatus().values();
                    // not isReplaying(): it stays up at the head of a quiet store until a later event comes
                    return !segments.isEmpty() && segments.stream().allMatch(s -> position(s) >= head);
                }));
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }
}
