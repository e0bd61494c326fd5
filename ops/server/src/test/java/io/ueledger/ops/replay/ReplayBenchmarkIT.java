package io.ueledger.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import io.ueledger.query.replay.RebuildableViews;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuild throughput of every view over a large event store, through the real admin API.
 * Skipped unless asked for; run it alone (it leaves a million events in the shared database):
 * {@code mvn -B -pl ops/server -am verify -Dit.test=ReplayBenchmarkIT -Dbench.replay.events=1000000
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 * Writes {@code ops/benchmarks/results/replay-<date>.md}.
 *
 * <p>Events are copies of one real enrollment's stream as the server stored it (see
 * {@link BulkEventCopies}). The views' processors are stopped while the store is filled, and each
 * view is rebuilt alone, the others stopped, so each figure is that view's own; heap is sampled
 * every second during each rebuild.
 */
@EnabledIfSystemProperty(named = "bench.replay.events", matches = "\\d+")
class ReplayBenchmarkIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    record Run(String view, long events, double seconds, long eventsPerSecond, long heapMinMb, long heapMaxMb,
               List<String> samples) {
    }

    @Test
    void rebuild_every_view_over_a_large_event_store() throws IOException {
        long wanted = Long.parseLong(System.getProperty("bench.replay.events"));
        String template = ScriptedEnrollment.iPhone(commands, Instant.parse("2025-05-01T09:00:00Z"),
                "bench-" + UUID.randomUUID() + "@corp.example").enroll().installWifiProfile("admin").ref;
        Long perEnrollment = jdbc.queryForObject("select count(*) from domainevententry where aggregateIdentifier = ?",
                Long.class, template);
        RebuildableViews.names().forEach(view -> processor(view).shutDown());
        processor(ProcessorNames.LEDGER).shutDown(); // it catches up over the copies afterwards, measured alone

        long seedStart = System.nanoTime();
        int copies = (int) (wanted / perEnrollment);
        BulkEventCopies.copy(jdbc, template, "bench-" + UUID.randomUUID() + "-", copies);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        Long total = jdbc.queryForObject("select count(*) from domainevententry", Long.class);

        List<Run> runs = new ArrayList<>();
        for (String view : RebuildableViews.names()) {
            runs.add(rebuild(view));
            processor(view).shutDown();
        }
        runs.add(ledgerCatchUp(total));
        RebuildableViews.names().forEach(view -> processor(view).start());

        String report = report(total, copies, perEnrollment, seedSeconds, runs);
        System.out.println(report);
        Path file = Path.of("../benchmarks/results/replay-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        assertThat(runs).allSatisfy(run -> assertThat(run.eventsPerSecond()).isPositive());
    }

    private Run rebuild(String view) {
        processor(view).start();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ResponseEntity<JsonNode> started = asAdmin().postForEntity("/api/admin/replays", Map.of("projection", view),
                JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = started.getBody().path("id").asText();
        long heapMin = Long.MAX_VALUE;
        long heapMax = 0;
        List<String> samples = new ArrayList<>();
        JsonNode status;
        long begin = System.nanoTime();
        while (true) {
            sleep(Duration.ofSeconds(1));
            status = asAdmin().getForEntity("/api/admin/replays/" + id, JsonNode.class).getBody();
            long heapMb = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
            heapMin = Math.min(heapMin, heapMb);
            heapMax = Math.max(heapMax, heapMb);
            JsonNode v = status.path("views").get(0);
            samples.add(String.format(Locale.ROOT, "| %.0f | %d | %d%% | %d | %d |", (System.nanoTime() - begin) / 1e9,
                    v.path("currentPosition").asLong(), v.path("percentDone").asInt(), v.path("eventsPerSecond").asLong(),
                    heapMb));
            if (!status.path("state").asText().equals("RUNNING")) {
                break;
            }
        }
        JsonNode v = status.path("views").get(0);
        assertThat(v.path("state").asText()).isEqualTo("DONE");
        double seconds = Duration.between(Instant.parse(v.path("startedAt").asText()),
                Instant.parse(v.path("finishedAt").asText())).toMillis() / 1000.0;
        long events = v.path("targetPosition").asLong() - v.path("firstPosition").asLong() + 1;
        return new Run(view, events, seconds, Math.round(events / seconds), heapMin, heapMax, samples);
    }

    /** The ledger appending a leaf for every copied event, the views stopped: leaves per second. */
    private Run ledgerCatchUp(long total) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long leavesBefore = leaves();
        long heapMin = Long.MAX_VALUE;
        long heapMax = 0;
        List<String> samples = new ArrayList<>();
        long begin = System.nanoTime();
        processor(ProcessorNames.LEDGER).start();
        long leaves;
        do {
            sleep(Duration.ofSeconds(1));
            leaves = leaves();
            long heapMb = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
            heapMin = Math.min(heapMin, heapMb);
            heapMax = Math.max(heapMax, heapMb);
            double elapsed = (System.nanoTime() - begin) / 1e9;
            samples.add(String.format(Locale.ROOT, "| %.0f | %d | %d%% | %d | %d |", elapsed, leaves,
                    leaves * 100 / total, Math.round((leaves - leavesBefore) / elapsed), heapMb));
        } while (leaves < total);
        double seconds = (System.nanoTime() - begin) / 1e9;
        long appended = leaves - leavesBefore;
        return new Run("ledger (catching up, leaves)", appended, seconds, Math.round(appended / seconds), heapMin,
                heapMax, samples);
    }

    private long leaves() {
        return jdbc.queryForObject("select count(*) from ledger_leaf", Long.class);
    }

    private String report(long total, int copies, long perEnrollment, double seedSeconds, List<Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append("# Replay benchmark, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append(String.format(Locale.ROOT, "Event store: %,d events (%,d copies of a %d-event enrollment, "
                + "inserted in %.1f s). Load average at the end: %.2f; %d cores; max heap %d MB.%n%n", total, copies,
                perEnrollment, seedSeconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        md.append("Storage, as the server's PostgreSQL answered:\n\n| setting | value |\n|---|---|\n");
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
            md.append("| ").append(setting).append(" | ").append(jdbc.queryForObject("show " + setting, String.class))
                    .append(" |\n");
        }
        md.append("| server_version | ").append(jdbc.queryForObject("show server_version", String.class))
                .append(" |\n\n");
        md.append("| view | events replayed | seconds | events/s | heap used min–max (MB) |\n|---|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d | %d–%d |%n", run.view(), run.events(),
                    run.seconds(), run.eventsPerSecond(), run.heapMinMb(), run.heapMaxMb()));
        }
        for (Run run : runs) {
            md.append("\n## ").append(run.view()).append(", sampled every second\n\n")
                    .append("| s | global index or leaves | done | events/s so far | heap used (MB) |\n"
                            + "|---:|---:|---:|---:|---:|\n");
            run.samples().forEach(s -> md.append(s).append('\n'));
        }
        return md.toString();
    }

    private StreamingEventProcessor processor(String view) {
        return processing.eventProcessor(view, StreamingEventProcessor.class).orElseThrow();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
