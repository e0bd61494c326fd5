package io.ueledger.ops.simulator.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A ue-ledger server in a JVM of its own, started by the load run from the same jar (or classpath), with its
 * own embedded PostgreSQL and PKI in a fresh folder, on a free port of 127.0.0.1, so its CPU time is the
 * server's alone. It gets one admin user for the run, with a random 32-byte password: a secret that long needs
 * no slow hash, so it is stored at bcrypt's lowest cost and the admin API calls of the run (thousands of them)
 * do not measure bcrypt. The server's own log goes to {@code server.log} in the folder.
 */
public final class ChildServer implements AutoCloseable {

    public static final String ADMIN_USER = "load-runner";
    private static final Duration START_PATIENCE = Duration.ofMinutes(10); // a shared, loaded machine starts slowly

    private final Process process;
    private final URI uri;
    private final Path workDir;
    private final boolean deleteOnClose;
    private final String adminPassword;

    private ChildServer(Process process, URI uri, Path workDir, boolean deleteOnClose, String adminPassword) {
        this.process = process;
        this.uri = uri;
        this.workDir = workDir;
        this.deleteOnClose = deleteOnClose;
        this.adminPassword = adminPassword;
    }

    /**
     * @param workDir  where the cluster, PKI and log go; null for a temporary folder removed on close
     * @param heap     the server's -Xmx, e.g. 1g
     * @param jvmArgs  more JVM options for the server (e.g. a flight recording); may be empty
     */
    public static ChildServer start(Path workDir, String heap, List<String> jvmArgs) {
        try {
            boolean temporary = workDir == null;
            Path dir = temporary ? Files.createTempDirectory("ue-ledger-load-") : workDir;
            Files.createDirectories(dir);
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(password);

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            command.addAll(jvmArgs);
            command.addAll(launch());
            command.addAll(List.of(
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--ueledger.organisation.public-base-url=" + base,
                    "--ueledger.embedded-postgres.data-dir=" + dir.resolve("postgres"),
                    "--ueledger.pki.dir=" + dir.resolve("pki"),
                    "--ueledger.ledger.dir=" + dir.resolve("ledger"),
                    "--spring.datasource.url=",
                    "--ueledger.security.users[0].username=" + ADMIN_USER,
                    "--ueledger.security.users[0].password=" + hash,
                    "--ueledger.security.users[0].roles[0]=ADMIN",
                    "--logging.level.root=WARN",
                    "--logging.level.io.ueledger.ops.embedded=INFO"));
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            ChildServer server = new ChildServer(process, URI.create(base), dir, temporary, password);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the load run's server", e);
        }
    }

    /** How to start the application from what this JVM was started from: the Boot jar, or a plain classpath. */
    private static List<String> launch() {
        return launch(System.getProperty("java.class.path"));
    }

    /**
     * The child runs in its own work folder, so every classpath entry is made absolute: {@code -cp ue-ledger.jar}
     * started from the jar's folder would otherwise name a jar the child cannot find.
     */
    static List<String> launch(String classpath) {
        String absolute = Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
        if (absolute.endsWith(".jar") && !absolute.contains(java.io.File.pathSeparator)) {
            return List.of("-jar", absolute);
        }
        return List.of("-cp", absolute, "io.ueledger.ops.UeLedgerApplication");
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new LoadServerUnavailable("the load run's server stopped while starting (exit " + process.exitValue()
                        + "); see " + workDir.resolve("server.log"));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri.resolve("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoadServerUnavailable("interrupted while the server started");
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoadServerUnavailable("interrupted while the server started");
            }
        }
        close();
        throw new LoadServerUnavailable("the load run's server was not ready within " + START_PATIENCE.toMinutes()
                + " minutes; see its log");
    }

    public URI uri() {
        return uri;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Path pkiDir() {
        return workDir.resolve("pki");
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server as an operator would (SIGTERM: graceful shutdown, PostgreSQL stopped), then removes a temporary folder. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deleteOnClose) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary folder is harmless
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
