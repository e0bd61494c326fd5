package io.ueledger.ops.fleet;

import io.ueledger.command.fleet.AggregateWriterLock;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What serialising commands across nodes costs on the hot path: the advisory lock plus the
 * sequence-number read (one round trip) measured alone inside a transaction against an empty
 * transaction, and whole commands on one cached enrollment (which include it). Skipped unless
 * {@code -Dbench.writer-lock=true}; writes {@code ops/benchmarks/results/writer-lock-<date>.md}.
 */
@EnabledIfSystemProperty(named = "bench.writer-lock", matches = "true")
class WriterLockCostBenchmarkIT extends IntegrationTest {

    private static final int SAMPLES = 2_000;
    private static final int ROUNDS = 200;

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AggregateWriterLock writerLock;

    @Test
    void measure() throws Exception {
        Instant start = Instant.parse("2025-06-01T09:00:00Z");
        ScriptedEnrollment mac = ScriptedEnrollment.mac(commands, start, "lock-" + UUID.randomUUID() + "@corp.example").enroll();
        String ref = mac.ref;
        String enrollmentId = mac.enrollmentId;

        double[] empty = sample(() -> transactions.executeWithoutResult(tx -> jdbc.queryForObject("select 1", Integer.class)));
        double[] locked = sample(() -> transactions.executeWithoutResult(tx -> writerLock.lockAndRefresh(ref)));

        long began = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            String uuid = UUID.randomUUID().toString();
            Instant at = start.plusSeconds(3600 + i * 10L);
            commands.sendAndWait(new IssueMdmCommand(ref, uuid, "Settings", Channel.DEVICE, ManagedContent.none(), null,
                    "admin", null, at));
            commands.sendAndWait(new DeliverNextMdmCommand(ref, enrollmentId, Channel.DEVICE, false, at.plusSeconds(1)));
            commands.sendAndWait(new RecordMdmCommandResult(ref, enrollmentId, Channel.DEVICE, uuid,
                    MdmCommandStatus.ACKNOWLEDGED, null, at.plusSeconds(2)));
        }
        double commandMillis = (System.nanoTime() - began) / 1e6 / (ROUNDS * 3);

        String report = String.format(Locale.ROOT, """
                # Serialising commands across nodes: cost per command, %s

                Embedded PostgreSQL on the same machine, one thread, load average %.1f at the end.
                Storage settings read from the server:

                | setting | value |
                |---|---|
                | fsync | %s |
                | synchronous_commit | %s |
                | full_page_writes | %s |

                | what | median (µs) | p90 (µs) |
                |---|---:|---:|
                | empty transaction (`select 1`), %d samples | %.0f | %.0f |
                | transaction taking the writer lock (`ueledger_lock_aggregate`), %d samples | %.0f | %.0f |
                | added by the lock (difference of medians) | %.0f | |

                Whole commands on one cached enrollment (lock included), %d sequential sendAndWait: \
                %.2f ms per command.
                """, LocalDate.now(ZoneOffset.UTC),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                show("fsync"), show("synchronous_commit"), show("full_page_writes"),
                SAMPLES, median(empty), p90(empty), SAMPLES, median(locked), p90(locked),
                median(locked) - median(empty), ROUNDS * 3, commandMillis);
        System.out.println(report);
        Path file = Path.of("../benchmarks/results/writer-lock-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    private String show(String setting) {
        return jdbc.queryForObject("show " + setting, String.class);
    }

    private static double[] sample(Runnable work) {
        for (int i = 0; i < 200; i++) {
            work.run(); // warm up
        }
        double[] micros = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            work.run();
            micros[i] = (System.nanoTime() - t) / 1e3;
        }
        Arrays.sort(micros);
        return micros;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double p90(double[] sorted) {
        return sorted[(int) (sorted.length * 0.9)];
    }
}
