package io.ueledger.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the storage-engine benchmark in miniature (a fraction of a second per figure, a few thousand
 * events) so the harness cannot rot unnoticed, and checks the two Axon-on-PostgreSQL traps on the
 * JPA mapping: payloads stay out of large objects and the global index has no allocation gaps.
 */
class StorageEngineBenchmarkTest {

    private static BenchmarkRun run;

    @BeforeAll
    static void runInMiniature() throws Exception {
        System.setProperty("axon.update-check.disabled", "true");
        BenchmarkSettings tiny = new BenchmarkSettings(Duration.ofMillis(300), Duration.ofMillis(500), 20, 100,
                5_000, 500, null);
        run = StorageEngineBenchmark.run(tiny);
    }

    @Test
    void measuresEveryFigureForBothEngines() {
        assertThat(run.results()).extracting(EngineResult::engine).containsExactly("JDBC", "JPA");
        assertThat(run.results()).allSatisfy(r -> {
            assertThat(r.newEnrollments1Thread()).isPositive();
            assertThat(r.newEnrollments4Threads()).isPositive();
            assertThat(r.existingNoCache()).isPositive();
            assertThat(r.existingCached()).isPositive();
            assertThat(r.eventsPerLongAggregate()).isGreaterThanOrEqualTo(100);
            assertThat(r.replayedEvents()).isGreaterThanOrEqualTo(5_000);
            assertThat(r.replayEventsPerSecond()).isPositive();
            assertThat(r.footprint().events()).isEqualTo(r.replayedEvents());
            assertThat(r.footprint().bytesPerEvent()).isBetween(100.0, 10_000.0);
        });
    }

    @Test
    void bothEnginesKeepPayloadsInByteaWithoutLargeObjects() {
        assertThat(run.results()).allSatisfy(r -> {
            assertThat(r.footprint().largeObjects()).isZero();
            assertThat(r.footprint().payloadBytes()).isGreaterThan(50);
        });
    }

    @Test
    void jpaHandsOutGlobalIndexesOneByOneLikeJdbc() {
        assertThat(run.results()).allSatisfy(r -> assertThat(r.footprint().indexGaps()).isZero());
    }

    @Test
    void theBenchmarkDatabaseIsDurableAsReadFromIt() {
        assertThat(run.storageSettings()).containsEntry("fsync", "on").containsEntry("synchronous_commit", "on")
                .containsEntry("full_page_writes", "on");
    }

    @Test
    void reportNamesTheMachineAndComparesWithTheBaselines() {
        String report = new BenchmarkReport(new BenchmarkSettings(Duration.ofSeconds(3), Duration.ofSeconds(8), 20,
                100, 5_000, 500, null), run).markdown();
        assertThat(report)
                .contains("| cores | " + Runtime.getRuntime().availableProcessors())
                .contains("| PostgreSQL | " + run.postgresVersion())
                .contains(run.storageSettings().entrySet().stream()
                        .map(setting -> "| " + setting.getKey() + " | " + setting.getValue() + " |").toList())
                .contains("| measure | JDBC | JPA | baseline (STACK-NOTES) |")
                .contains("10,000–13,000/s");
    }
}
