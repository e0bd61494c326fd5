package io.ueledger.ops.bench;

import ch.qos.logback.classic.Level;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures Axon's JDBC and JPA storage engines on this machine with the real DeviceEnrollment
 * aggregate, and writes the figures as markdown. Not a test (the name keeps surefire and failsafe
 * away); run it with {@code mvn -B -pl ops/simulator -am test-compile exec:java}. JPA stays in test scope, so
 * the server never carries Hibernate.
 */
public final class StorageEngineBenchmark {

    private static final Logger log = LoggerFactory.getLogger(StorageEngineBenchmark.class);

    private StorageEngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Axon's update check would phone home; this machine has no network for it.
        System.setProperty("axon.update-check.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        quietLogging();
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        String report = new BenchmarkReport(settings, run(settings)).markdown();
        if (settings.output() != null) {
            Files.createDirectories(settings.output().toAbsolutePath().getParent());
            Files.writeString(settings.output(), report);
            log.info("Report written to {}", settings.output());
        }
        System.out.println(report);
    }

    /** Both engines, phase by phase, on one fresh embedded PostgreSQL (a database each). */
    static BenchmarkRun run(BenchmarkSettings settings) throws Exception {
        long started = System.nanoTime();
        double loadBefore = loadAverage();
        Serializer serializer = LedgerSerializer.create();
        try (BenchPostgres postgres = BenchPostgres.start();
             StorageUnderTest jdbc = new JdbcStorage(postgres.freshDatabase("bench_jdbc"), serializer);
             StorageUnderTest jpa = new JpaStorage(postgres.freshDatabase("bench_jpa"), serializer)) {
            List<EngineBenchmark> engines = List.of(new EngineBenchmark(settings, serializer, jdbc),
                    new EngineBenchmark(settings, serializer, jpa));
            for (EngineBenchmark engine : engines) {
                engine.warmUpJvm();
            }
            for (EngineBenchmark engine : engines) {
                engine.measureNewEnrollments();
            }
            for (EngineBenchmark engine : engines) {
                engine.seedLongAggregates();
                engine.measureExistingAggregates();
            }
            for (EngineBenchmark engine : engines) {
                engine.fillForReplay();
                engine.measureReplay();
            }
            List<EngineResult> results = engines.stream().map(EngineBenchmark::result).toList();
            return new BenchmarkRun(results, postgres.version(), postgres.storageSettings(), Duration.ofNanos(System.nanoTime() - started),
                    loadBefore, loadAverage());
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Without Spring Boot's logging setup, logback would print Hibernate's and Axon's DEBUG lines. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            context.getLogger("io.ueledger.ops.bench").setLevel(Level.INFO);
            // Hibernate 6.6 looks for getters of orm.xml attributes even with access="FIELD" and warns
            // (HHH000207) for Axon's getter-less fields, though it maps them; the checks in the report prove it.
            context.getLogger("org.hibernate.boot.model.internal.JPAXMLOverriddenAnnotationReader").setLevel(Level.ERROR);
        }
    }
}
