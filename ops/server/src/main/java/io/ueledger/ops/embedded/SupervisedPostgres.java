package io.ueledger.ops.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL and its watchdog. It starts the cluster (after stopping a postmaster a crashed
 * server left on the same folder), remembers its port so the connection pool never needs a new URL, and
 * checks every second that the postmaster is alive. When PostgreSQL dies under the running server (killed,
 * out of memory), it is started again on the same folder and port: PostgreSQL's crash recovery replays its
 * write-ahead log, so every transaction that committed (and was therefore acknowledged) is back. Until then
 * requests fail fast with 503 and health says DOWN; the server itself keeps running.
 */
public final class SupervisedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupervisedPostgres.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final EmbeddedPostgresProperties properties;
    private final Path dataDir;
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres current;
    private volatile ProcessHandle postmaster;
    private volatile int port;
    private volatile boolean closing;
    private volatile long restarts;

    private SupervisedPostgres(EmbeddedPostgresProperties properties) {
        this.properties = properties;
        this.dataDir = properties.dataDir().toAbsolutePath();
        this.port = properties.port();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static SupervisedPostgres start(EmbeddedPostgresProperties properties) {
        SupervisedPostgres postgres = new SupervisedPostgres(properties);
        postgres.startCluster();
        postgres.watchdog.scheduleWithFixedDelay(postgres::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return postgres;
    }

    public String jdbcUrl() {
        return current.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** True while the postmaster this server started is alive. */
    public boolean isRunning() {
        ProcessHandle handle = postmaster;
        return handle != null && handle.isAlive();
    }

    /** How often the watchdog had to start PostgreSQL again since the server started. */
    public long restarts() {
        return restarts;
    }

    private void startCluster() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded PostgreSQL's data folder " + dataDir, e);
        }
        LeftoverPostmaster.stopIfLeftBehind(dataDir);
        long started = System.nanoTime();
        try {
            current = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The server's own shutdown stops PostgreSQL after the processors and the web server;
                    // zonky's JVM hook would stop it at the same time as them, under running transactions.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    // zonky's defaults are made for throw-away test databases (its -F flag and an asynchronous
                    // commit). A ledger must survive a power loss, so durability is set explicitly here (a later
                    // -c overrides -F) and checked with SHOW once the server is up.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // PostgreSQL's 1 GB starts a checkpoint every ~0.5 GB of WAL: a view rebuild or a fleet
                    // enrolling met two or three, and after each the first change of every page writes the whole
                    // page to the WAL again. 4 GB lets such bursts run between the timed checkpoints (5 min),
                    // at the cost of up to 4 GB of WAL on disk and a longer recovery after a crash.
                    .setServerConfig("max_wal_size", "4GB")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start on " + dataDir, e);
        }
        port = current.getPort();
        postmaster = LeftoverPostmaster.recorded(dataDir).orElse(null);
        log.info("Embedded PostgreSQL started in {} ms on port {} (pid {}) with its data in {} "
                        + "(set spring.datasource.url to use your own PostgreSQL instead)",
                (System.nanoTime() - started) / 1_000_000, port,
                Optional.ofNullable(postmaster).map(ProcessHandle::pid).orElse(-1L), dataDir);
    }

    private void watch() {
        if (closing || isRunning()) {
            return;
        }
        log.error("The embedded PostgreSQL (port {}) stopped while the server was running: starting it again;"
                + " requests get 503 until it is back", port);
        try {
            releaseDeadInstance();
            startCluster();
            restarts++;
            log.warn("The embedded PostgreSQL is running again (restart {} since the server started); its crash"
                    + " recovery restored every committed transaction", restarts);
        } catch (RuntimeException e) {
            // Its old backends may still be exiting and hold the shared memory: the next round tries again.
            log.warn("The embedded PostgreSQL did not start again yet: {}", rootMessage(e));
        }
    }

    /** Frees zonky's file lock on the folder; its pg_ctl stop finds no server, which is expected here. */
    private void releaseDeadInstance() {
        EmbeddedPostgres dead = current;
        if (dead == null) {
            return;
        }
        current = null;
        try {
            dead.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the stopped embedded PostgreSQL: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        watchdog.shutdownNow();
        EmbeddedPostgres running = current;
        if (running != null) {
            try {
                running.close();
                log.info("Embedded PostgreSQL stopped");
            } catch (IOException e) {
                log.warn("Stopping the embedded PostgreSQL: {}", e.getMessage());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
