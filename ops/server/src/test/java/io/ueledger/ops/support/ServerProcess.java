package io.ueledger.ops.support;

import io.ueledger.ops.UeLedgerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A whole ue-ledger server in a child JVM on 127.0.0.1, as an operator runs it: its own data folder and
 * fixed ports, so a test can kill it (SIGKILL, as the OOM killer does), signal it (SIGTERM) and start it
 * again on the same ledger. The embedded PostgreSQL's port is fixed too, so the test reads the event
 * store directly, before and after a crash.
 */
public final class ServerProcess implements AutoCloseable {

    /** Generous: on a shared 2-core machine under heavy load a cold start has taken more than 6 minutes. */
    private static final Duration START_PATIENCE = Duration.ofMinutes(12);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final Path workDir;
    private final int httpPort;
    private final int postgresPort;
    private final List<String> extraArgs;
    private Process process;
    private Path log;
    private int starts;

    public ServerProcess(Path workDir, int httpPort, int postgresPort, List<String> extraArgs) {
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.postgresPort = postgresPort;
        this.extraArgs = List.copyOf(extraArgs);
    }

    public static ServerProcess inFreshFolder(String name, String... extraArgs) {
        return new ServerProcess(TestFolders.fresh(name + "-"), freePort(), freePort(), List.of(extraArgs));
    }

    /** Starts the server and waits until it answers on /actuator/health with 200. */
    public ServerProcess start() {
        starts++;
        log = workDir.resolve("server-" + starts + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                UeLedgerApplication.class.getName(),
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--ueledger.organisation.public-base-url=" + baseUri(),
                "--ueledger.embedded-postgres.data-dir=" + workDir.resolve("postgres"),
                "--ueledger.embedded-postgres.port=" + postgresPort,
                "--ueledger.pki.dir=" + workDir.resolve("pki"),
                "--ueledger.ledger.dir=" + workDir.resolve("ledger"),
                "--spring.datasource.url="));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server JVM", e);
        }
        try {
            Awaitility.await("server " + baseUri() + " up (log " + log + ")").atMost(START_PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n"
                                    + tail(60));
                        }
                        return healthStatus().orElse(-1) == 200;
                    });
        } catch (RuntimeException e) {
            close(); // never leave a half-started server holding the ports and the data folder
            throw e;
        }
        return this;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as the OOM killer or a power cut does it: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as systemd, Docker or Ctrl-C ask a server to stop; returns how long it took to exit. */
    public Duration terminate(Duration patience) {
        long started = System.nanoTime();
        process.destroy();
        if (!waitForExit(patience)) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
            throw new AssertionError("the server did not exit within " + patience + " of SIGTERM:\n" + tail(40));
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public int exitValue() {
        return process.exitValue();
    }

    private boolean waitForExit(Duration patience) {
        try {
            return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The postmaster the embedded PostgreSQL recorded in its postmaster.pid, while it runs. */
    public Optional<ProcessHandle> postmaster() {
        Path pidFile = workDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The status code of GET /actuator/health, or empty when the server does not answer in time. */
    public Optional<Integer> healthStatus() {
        return get("/actuator/health", Duration.ofSeconds(20)).map(HttpResponse::statusCode);
    }

    public Optional<HttpResponse<String>> get(String path, Duration timeout) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(baseUri().resolve(path)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Direct access to the event store of the embedded PostgreSQL (while it runs). */
    public JdbcTemplate jdbc() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
        return new JdbcTemplate(dataSource);
    }

    /** The log of the current (or last) run. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return log;
    }

    public String tail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
        // a postmaster left by a killed server must not outlive the test
        postmaster().ifPresent(ProcessHandle::destroy);
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
