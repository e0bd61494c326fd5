package io.ueledger.ops.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The measurements for one storage engine, one phase per method. The driver runs each phase for
 * every engine before the next phase, so a burst of load from elsewhere on the machine hits both
 * engines' figures alike instead of one engine's whole run.
 */
final class EngineBenchmark {

    private static final Logger log = LoggerFactory.getLogger(EngineBenchmark.class);
    private static final int REPLAY_BATCH_SIZE = 100;

    private final BenchmarkSettings settings;
    private final Serializer serializer;
    private final StorageUnderTest storage;
    private final EnrollmentTraffic traffic = new EnrollmentTraffic();

    private double newEnrollments1Thread;
    private double newEnrollments4Threads;
    private List<String> longAggregates = List.of();
    private double existingNoCache;
    private double existingCached;
    private double eventsPerLongAggregate;
    private long replayedEvents;
    private double replayEventsPerSecond;

    EngineBenchmark(BenchmarkSettings settings, Serializer serializer, StorageUnderTest storage) {
        this.settings = settings;
        this.serializer = serializer;
        this.storage = storage;
    }

    /** Untimed traffic through every code path of this engine, so the first figure is not a cold-JIT figure. */
    void warmUpJvm() throws InterruptedException {
        try (Ledger ledger = Ledger.start(storage, serializer, false)) {
            Throughput.perSecond(4, settings.warmup().multipliedBy(2), java.time.Duration.ZERO,
                    () -> ledger.commands().sendAndWait(traffic.requestEnrollment(EnrollmentTraffic.newEnrollmentRef())));
        }
    }

    /** (a) RequestEnrollment on new aggregates, one and four callers. */
    void measureNewEnrollments() throws InterruptedException {
        try (Ledger ledger = Ledger.start(storage, serializer, true)) {
            newEnrollments1Thread = newEnrollments(ledger, 1);
            log.info("{}: new enrollments, 1 thread: {} commands/s", storage.name(), round(newEnrollments1Thread));
            newEnrollments4Threads = newEnrollments(ledger, 4);
            log.info("{}: new enrollments, 4 threads: {} commands/s", storage.name(), round(newEnrollments4Threads));
        }
    }

    void seedLongAggregates() {
        longAggregates = new EventSeeder(storage, traffic).seed(settings.streams(), settings.eventsPerStream());
    }

    /** (b) a failed sign-in on a random long aggregate, with and without the aggregate cache. */
    void measureExistingAggregates() throws InterruptedException {
        // Uncached first: it adds the fewest events, so both runs see aggregates close to the seeded length.
        try (Ledger ledger = Ledger.start(storage, serializer, false)) {
            existingNoCache = existingAggregates(ledger);
            log.info("{}: existing {}-event aggregates, no cache: {} commands/s", storage.name(),
                    settings.eventsPerStream(), round(existingNoCache));
        }
        try (Ledger ledger = Ledger.start(storage, serializer, true)) {
            existingCached = existingAggregates(ledger);
            log.info("{}: existing {}-event aggregates, cached: {} commands/s", storage.name(),
                    settings.eventsPerStream(), round(existingCached));
        }
        eventsPerLongAggregate = averageLength();
    }

    /** Tops the store up to the replay size with more long streams, untimed. */
    void fillForReplay() {
        long missing = settings.replayEvents() - count();
        if (missing > 0) {
            new EventSeeder(storage, traffic).seed((int) Math.ceil((double) missing / settings.eventsPerStream()),
                    settings.eventsPerStream());
        }
    }

    /** (c) a tracking processor reading the whole store from the tail. */
    void measureReplay() throws InterruptedException {
        replayedEvents = count();
        try (Ledger ledger = Ledger.start(storage, serializer, true)) {
            replayEventsPerSecond = ReplayMeter.eventsPerSecond(storage, ledger.eventStore(), replayedEvents,
                    Math.min(settings.replayWarmup(), replayedEvents / 10), REPLAY_BATCH_SIZE);
        }
        log.info("{}: replay of {} events at batch size {}: {} events/s", storage.name(), replayedEvents,
                REPLAY_BATCH_SIZE, round(replayEventsPerSecond));
    }

    /** (d) and the schema checks; the figures so far. */
    EngineResult result() {
        StorageFootprint footprint = StorageFootprint.measure(storage.dataSource());
        log.info("{}: {} bytes per event", storage.name(), round(footprint.bytesPerEvent()));
        return new EngineResult(storage.name(), newEnrollments1Thread, newEnrollments4Threads, existingNoCache,
                existingCached, eventsPerLongAggregate, replayEventsPerSecond, replayedEvents, footprint);
    }

    private double newEnrollments(Ledger ledger, int threads) throws InterruptedException {
        return Throughput.perSecond(threads, settings.warmup(), settings.measure(), () -> ledger.commands()
                .sendAndWait(traffic.requestEnrollment(EnrollmentTraffic.newEnrollmentRef())));
    }

    private double existingAggregates(Ledger ledger) throws InterruptedException {
        List<String> refs = longAggregates;
        return Throughput.perSecond(1, settings.warmup(), settings.measure(), () -> ledger.commands()
                .sendAndWait(traffic.authenticationFailure(refs.get(ThreadLocalRandom.current().nextInt(refs.size())))));
    }

    private double averageLength() {
        long events = new JdbcTemplate(storage.dataSource()).queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ANY (?)", Long.class,
                (Object) longAggregates.toArray(String[]::new));
        return (double) events / longAggregates.size();
    }

    private long count() {
        return new JdbcTemplate(storage.dataSource()).queryForObject("SELECT count(*) FROM domainevententry",
                Long.class);
    }

    private static long round(double value) {
        return Math.round(value);
    }
}
