package io.ueledger.ops.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * How fast a tracking processor reads the whole store from the tail, as a projection rebuild does:
 * one thread, batches of {@code batchSize}, the engine's own token store, every payload deserialized.
 */
final class ReplayMeter {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private ReplayMeter() {
    }

    /** A projection that does nothing but take each typed payload, so only reading and deserializing is timed. */
    static final class CountingProjection {
        final AtomicLong seen = new AtomicLong();

        @EventHandler
        void on(Object payload) {
            seen.incrementAndGet();
        }
    }

    /** @return events per second after the first {@code warmupEvents} */
    static double eventsPerSecond(StorageUnderTest storage, EventStore eventStore, long totalEvents,
                                  long warmupEvents, int batchSize) throws InterruptedException {
        CountingProjection projection = new CountingProjection();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("storage-bench-replay-" + storage.name().toLowerCase())
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection).build())
                .messageSource(eventStore)
                .tokenStore(storage.tokenStore())
                .transactionManager(storage.transactionManager())
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        processor.start();
        try {
            waitUntil(projection.seen, warmupEvents, deadline);
            long startCount = projection.seen.get();
            long start = System.nanoTime();
            waitUntil(projection.seen, totalEvents, deadline);
            long end = System.nanoTime();
            return (projection.seen.get() - startCount) / ((end - start) / 1e9);
        } finally {
            processor.shutDown();
        }
    }

    private static void waitUntil(AtomicLong seen, long target, long deadline) throws InterruptedException {
        while (seen.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay read only " + seen.get() + " of " + target
                        + " events in " + GIVE_UP_AFTER.toMinutes() + " minutes");
            }
            Thread.sleep(2);
        }
    }
}
