package io.ueledger.ops.observability;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * How many events each streaming processor (the views and the ledger) still has to handle: the event store's
 * head position minus the slowest segment's position. Read on demand (a scrape, a load run's phase end); the
 * head is asked of the store at most once a second, so a scrape of every processor costs one query.
 */
@Component
public class ProcessorLag {

    private static final long HEAD_MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private volatile long head = -1;
    private volatile long headReadAt;

    public ProcessorLag(EventProcessingConfiguration processing, EventStore events) {
        this.processing = processing;
        this.events = events;
    }

    /** Every streaming processor by name with its lag in events (-1 while it has no claimed segment). */
    public Map<String, Long> all() {
        Map<String, Long> lags = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                lags.put(name, lag(streaming));
            }
        });
        return lags;
    }

    /** The names of the streaming processors (the views and the ledger). */
    public java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                names.add(name);
            }
        });
        return names;
    }

    /** The lag of one processor, or -1 when it is unknown, not streaming or has no segment yet. */
    public long of(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).map(this::lag).orElse(-1L);
    }

    public long head() {
        long now = System.nanoTime();
        if (head < 0 || now - headReadAt > HEAD_MAX_AGE_NANOS) {
            TrackingToken token = events.createHeadToken(); // null while the store is empty
            head = token == null ? -1 : token.position().orElse(-1);
            headReadAt = now;
        }
        return head;
    }

    private long lag(StreamingEventProcessor processor) {
        var segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return -1;
        }
        long slowest = segments.stream().mapToLong(ProcessorLag::position).min().orElse(-1);
        long head = head();
        return head < 0 ? 0 : Math.max(0, head - slowest);
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }
}
