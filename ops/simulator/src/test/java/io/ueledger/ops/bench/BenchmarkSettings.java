package io.ueledger.ops.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how big the storage-engine benchmark runs. Defaults keep both engines inside about
 * five minutes on two cores; every value can be changed with a {@code -Dbench.*} system property.
 *
 * @param warmup           untimed load before every timed window, so the JIT and PostgreSQL caches settle
 * @param measure          length of every timed window
 * @param streams          aggregates seeded with {@code eventsPerStream} events for the "existing aggregate" runs
 * @param eventsPerStream  events in every seeded aggregate
 * @param replayEvents     the event store is topped up to at least this many events before the replay
 * @param replayWarmup     events the tracking processor reads before its clock starts
 * @param output           where the markdown report goes; null prints only
 */
record BenchmarkSettings(Duration warmup, Duration measure, int streams, int eventsPerStream, int replayEvents,
                         int replayWarmup, Path output) {

    static BenchmarkSettings fromSystemProperties() {
        String output = System.getProperty("bench.output");
        return new BenchmarkSettings(
                Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 3)),
                Duration.ofSeconds(Long.getLong("bench.measureSeconds", 8)),
                Integer.getInteger("bench.streams", 500),
                Integer.getInteger("bench.eventsPerStream", 100),
                Integer.getInteger("bench.replayEvents", 200_000),
                Integer.getInteger("bench.replayWarmupEvents", 10_000),
                output == null || output.isBlank() ? null : Path.of(output));
    }
}
