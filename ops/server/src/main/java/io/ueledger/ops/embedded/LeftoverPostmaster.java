package io.ueledger.ops.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster that a killed server (kill -9, the OOM killer) left running on its data folder. PostgreSQL
 * outlives the JVM that started it, and its postmaster.pid then blocks the next start ("lock file already
 * exists"). Before starting, the server stops such a leftover cleanly, but only when postmaster.pid and the
 * process's own command line both name exactly this data folder: a PostgreSQL it did not start is never
 * touched.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final Duration FAST_SHUTDOWN_PATIENCE = Duration.ofSeconds(60);

    private LeftoverPostmaster() {
    }

    /** The postmaster recorded in this data folder's postmaster.pid, when that process is alive. */
    static Optional<ProcessHandle> recorded(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !samePath(Path.of(lines.get(1).trim()), dataDir)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // half-written by a starting postmaster: PostgreSQL itself decides
        }
    }

    /** Stops a postmaster of exactly this data folder left behind by an earlier run; no-op when there is none. */
    static void stopIfLeftBehind(Path dataDir) {
        Optional<ProcessHandle> recorded = recorded(dataDir);
        if (recorded.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = recorded.get();
        if (!runsOn(postmaster.pid(), dataDir)) {
            throw new IllegalStateException("The data folder " + dataDir + " is locked by process " + postmaster.pid()
                    + " (its postmaster.pid), which is not a PostgreSQL started on this folder. ue-ledger does not"
                    + " stop processes it did not start: stop that process, or point"
                    + " ueledger.embedded-postgres.data-dir at another folder.");
        }
        log.warn("A PostgreSQL left running by an earlier run of this server (pid {}) still holds {}:"
                + " stopping it cleanly (fast shutdown) before starting", postmaster.pid(), dataDir);
        signal(postmaster.pid(), "INT"); // fast shutdown: rolls back open transactions, writes a checkpoint
        if (!awaitExit(postmaster, FAST_SHUTDOWN_PATIENCE)) {
            log.warn("PostgreSQL pid {} did not stop within {} s: immediate shutdown (recovery runs at the next start)",
                    postmaster.pid(), FAST_SHUTDOWN_PATIENCE.toSeconds());
            signal(postmaster.pid(), "QUIT");
            if (!awaitExit(postmaster, FAST_SHUTDOWN_PATIENCE)) {
                throw new IllegalStateException("The PostgreSQL left running on " + dataDir + " (pid "
                        + postmaster.pid() + ") does not stop; stop it by hand and start ue-ledger again.");
            }
        }
        log.info("The leftover PostgreSQL (pid {}) stopped", postmaster.pid());
    }

    /** True when the process's command line is a postgres executable started with -D on this folder. */
    static boolean runsOn(long pid, Path dataDir) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
            if (args.isEmpty() || !Path.of(args.get(0)).getFileName().toString().equals("postgres")) {
                return false;
            }
            int d = args.indexOf("-D");
            return d >= 0 && d + 1 < args.size() && samePath(Path.of(args.get(d + 1)), dataDir);
        } catch (IOException | RuntimeException e) {
            return false; // no /proc, or the process is gone: not provably ours
        }
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("Could not signal the leftover PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
