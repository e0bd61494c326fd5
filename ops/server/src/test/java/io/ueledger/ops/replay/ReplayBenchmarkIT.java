package io.ueledger.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.ops.simulator.load.ServerCpu;
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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuild throughput of every view over a large event store, through the real admin API.
 * Skipped unless asked for; run it alone (it leaves a million events in the shared database):
 * {@code mvn -B -pl ops/server -am verify -Dit.test=ReplayBenchmarkIT -Dbench.replay.events=1000000
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 * Writes {@code ops/benchmarks/results/replay-<date>.md}; {@code -Dbench.replay.views=a,b} measures only those
 * views (and {@code ledger}, its catch-up).
 *
 * <p>Events are copies of one real enrollment's stream as the server stored it (see
 * {@link BulkEventCopies}). The views' processors are stopped while the store is filled, and each
 * view is rebuilt alone, the others stopped (every other streaming processor too), so each figure is that
 * view's own; heap is sampled every second during each rebuild, and the transactions committed and the CPU time
 * of this JVM and of the embedded PostgreSQL are read at its start and end.
 */
@EnabledIfSystemProperty(named = "bench.replay.events", matches = "\\d+")
class ReplayBenchmarkIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Environment environment;

    record Run(String view, long events, double seconds, long eventsPerSecond, long heapMinMb, long heapMaxMb,
               long commits, long checkpoints, long jvmCpuMs, long postgresCpuMs, List<String> samples) {
    }

    @Test
    void rebuild_every_view_over_a_large_event_store() throws IOException {
        long wanted = Long.parseLong(System.getProperty("bench.replay.events"));
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String template = ScriptedEnrollment.iPhone(commands, Instant.parse("2025-05-01T09:00:00Z"),
                "bench-" + UUID.randomUUID() + "@corp.example").enroll().installWifiProfile("admin").ref;
        Long perEnrollment = jdbc.queryForObject("select count(*) from domainevententry where aggregateIdentifier = ?",
                Long.class, template);
        RebuildableViews.names().forEach(view -> processor(view).shutDown());
        processor(ProcessorNames.LEDGER).shutDown(); // it catches up over the copies afterwards, measured alone
        // The other streaming processors (owner index, notifications, batch progress) would catch up over the
        // copies too, during the first measurement only, sharing its cores and database: stopped until the end.
        List<StreamingEventProcessor> others = otherStreamingProcessors();
        others.forEach(StreamingEventProcessor::shutDown);

        long seedStart = System.nanoTime();
        int copies = (int) (wanted / perEnrollment);
        BulkEventCopies.copy(jdbc, template, "bench-" + UUID.randomUUID() + "-", copies);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        Long total = jdbc.queryForObject("select count(*) from domainevententry", Long.class);

        List<Run> runs = new ArrayList<>();
        for (String view : RebuildableViews.names()) {
            if (measured(view)) {
                runs.add(rebuild(view));
                processor(view).shutDown();
            }
        }
        if (measured(ProcessorNames.LEDGER)) {
            runs.add(ledgerCatchUp(total));
        }
        RebuildableViews.names().forEach(view -> processor(view).start());
        others.forEach(StreamingEventProcessor::start);

        String report = report(total, copies, perEnrollment, seedSeconds, loadAtStart, runs);
        System.out.println(report);
        Path file = Path.of("../benchmarks/results/replay-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        assertThat(runs).allSatisfy(run -> assertThat(run.eventsPerSecond()).isPositive());
    }

    /** {@code -Dbench.replay.views=enrollment-registry,ledger} measures only those (default: every view and the ledger). */
    private static boolean measured(String name) {
        String views = System.getProperty("bench.replay.views", "");
        return views.isBlank() || List.of(views.split(",")).contains(name);
    }

    /**
     * An admin API token for the progress polls: HTTP Basic would check the password with bcrypt once a
     * second, on the same two cores as the rebuild being measured.
     */
    private TestRestTemplate admin() {
        if (admin == null) {
            Map<?, ?> created = asAdmin().postForObject("/api/admin/api-tokens",
                    Map.of("name", "replay-benchmark", "role", "ADMIN", "validDays", 1), Map.class);
            admin = new TestRestTemplate(new RestTemplateBuilder()
                    .uriTemplateHandler(http.getRestTemplate().getUriTemplateHandler())
                    .defaultHeader("Authorization", "Bearer " + created.get("token")));
        }
        return admin;
    }

    private TestRestTemplate admin;

    private Run rebuild(String view) {
        processor(view).start();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ResponseEntity<JsonNode> started = admin().postForEntity("/api/admin/replays", Map.of("projection", view),
                JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = started.getBody().path("id").asText();
        long heapMin = Long.MAX_VALUE;
        long heapMax = 0;
        List<String> samples = new ArrayList<>();
        JsonNode status;
        long commitsBefore = commits();
        long checkpointsBefore = checkpoints();
        ServerCpu cpu = serverCpu();
        long jvmBefore = cpu.jvmMillis();
        long postgresBefore = cpu.postgresMillis();
        long begin = System.nanoTime();
        while (true) {
            sleep(Duration.ofSeconds(1));
            status = admin().getForEntity("/api/admin/replays/" + id, JsonNode.class).getBody();
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
        return new Run(view, events, seconds, Math.round(events / seconds), heapMin, heapMax,
                commits() - commitsBefore, checkpoints() - checkpointsBefore, cpu.jvmMillis() - jvmBefore,
                cpu.postgresMillis() - postgresBefore, samples);
    }

    /** The ledger appending a leaf for every copied event, the views stopped: leaves per second. */
    private Run ledgerCatchUp(long total) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long leavesBefore = leaves();
        long heapMin = Long.MAX_VALUE;
        long heapMax = 0;
        List<String> samples = new ArrayList<>();
        long commitsBefore = commits();
        long checkpointsBefore = checkpoints();
        ServerCpu cpu = serverCpu();
        long jvmBefore = cpu.jvmMillis();
        long postgresBefore = cpu.postgresMillis();
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
                heapMax, commits() - commitsBefore, checkpoints() - checkpointsBefore, cpu.jvmMillis() - jvmBefore,
                cpu.postgresMillis() - postgresBefore,
                samples);
    }

    /**
     * Transactions the database committed so far (all of them: the processor's batches, its token claims, the
     * benchmark's own polls), as PostgreSQL counts them; statistics lag by up to a second.
     */
    private long commits() {
        return jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()",
                Long.class);
    }

    /**
     * Checkpoints PostgreSQL began so far, timed or requested (by WAL volume). After each one the first change
     * to every page writes the whole page to the WAL (full_page_writes), so a rebuild that meets one pays more
     * PostgreSQL CPU than one that does not: the column says which runs did.
     */
    private long checkpoints() {
        return jdbc.queryForObject("select num_timed + num_requested from pg_stat_checkpointer", Long.class);
    }

    /** This JVM (the server and the benchmark's polls) and the embedded PostgreSQL, read from /proc. */
    private ServerCpu serverCpu() {
        long backend = jdbc.queryForObject("select pg_backend_pid()", Long.class);
        long[] stat = ServerCpu.stat(backend);
        return new ServerCpu(ProcessHandle.current().pid(), stat == null ? null : stat[4]);
    }

    /*
     * Leaves are numbered from 0 without gaps, so the highest index says how many there are in one index probe;
     * a count(*) polled every second scanned the growing table and charged 12 of the catch-up's 90 s of
     * PostgreSQL CPU to the ledger (pg_stat_statements over 1,000,000 leaves).
     */
    private long leaves() {
        return jdbc.queryForObject("select coalesce(max(leaf_index) + 1, 0) from ledger_leaf", Long.class);
    }

    private String report(long total, int copies, long perEnrollment, double seedSeconds, double loadAtStart,
                          List<Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append("# Replay benchmark, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append(String.format(Locale.ROOT, "Event store: %,d events (%,d copies of a %d-event enrollment, "
                + "inserted in %.1f s). Load average at the start: %.2f, at the end: %.2f; %d cores; max heap %d MB.%n%n",
                total, copies, perEnrollment, seedSeconds, loadAtStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        md.append("Storage, as the server's PostgreSQL answered:\n\n| setting | value |\n|---|---|\n");
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes", "max_wal_size",
                "checkpoint_timeout", "shared_buffers")) {
            md.append("| ").append(setting).append(" | ").append(jdbc.queryForObject("show " + setting, String.class))
                    .append(" |\n");
        }
        md.append("| server_version | ").append(jdbc.queryForObject("show server_version", String.class))
                .append(" |\n\n");
        md.append("Processors as configured (`axon.eventhandling.processors.<view>.*`; unset: Axon's default):\n\n"
                + "| view | mode | batch-size | thread-count | initial-segment-count |\n|---|---|---:|---:|---:|\n");
        for (Run run : runs.stream().filter(r -> !r.view().startsWith(ProcessorNames.LEDGER)).toList()) {
            String prefix = "axon.eventhandling.processors." + run.view().split(" ")[0] + ".";
            md.append("| ").append(run.view());
            for (String key : List.of("mode", "batch-size", "thread-count", "initial-segment-count")) {
                md.append(" | ").append(environment.getProperty(prefix + key, "–"));
            }
            md.append(" |\n");
        }
        md.append("\n");
        md.append("| view | events replayed | seconds | events/s | transactions committed | events per transaction "
                + "| checkpoints begun | CPU s, JVM + PostgreSQL | CPU µs per event | heap used min–max (MB) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d | %,d | %.1f | %d | %.1f + %.1f | %d | %d–%d |%n",
                    run.view(), run.events(), run.seconds(), run.eventsPerSecond(), run.commits(),
                    run.events() / (double) Math.max(1, run.commits()), run.checkpoints(), run.jvmCpuMs() / 1000.0,
                    run.postgresCpuMs() / 1000.0, (run.jvmCpuMs() + run.postgresCpuMs()) * 1000 / run.events(),
                    run.heapMinMb(), run.heapMaxMb()));
        }
        for (Run run : runs) {
            md.append("\n## ").append(run.view()).append(", sampled every second\n\n")
                    .append("| s | global index or leaves | done | events/s so far | heap used (MB) |\n"
                            + "|---:|---:|---:|---:|---:|\n");
            run.samples().forEach(s -> md.append(s).append('\n'));
        }
        return md.toString();
    }

    private List<StreamingEventProcessor> otherStreamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(p -> !RebuildableViews.names().contains(p.getName()) && !p.getName().equals(ProcessorNames.LEDGER))
                .toList();
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
