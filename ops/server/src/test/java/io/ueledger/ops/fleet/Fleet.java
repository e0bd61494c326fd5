package io.ueledger.ops.fleet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * What TwoNodesBehindHaproxyIT runs: one PostgreSQL (zonky, in the test's JVM), ue-ledger nodes as
 * separate processes of the packaged jar on free ports of 127.0.0.1, and HAProxy from the OS in front
 * with the backend section of the shipped ops/server/haproxy/ue-ledger.cfg.
 */
final class Fleet implements AutoCloseable {

    static final Path JAR = Path.of("target/ue-ledger.jar");
    static final Path SHIPPED_HAPROXY_CONFIG = Path.of("haproxy/ue-ledger.cfg");

    final Path dir;
    final EmbeddedPostgres postgres;
    final int balancerPort = freePort();
    final String masterSecret;
    final List<Node> nodes = new ArrayList<>();
    private Process haproxy;
    final Path haproxyLog;

    Fleet() throws IOException {
        dir = io.ueledger.ops.support.TestFolders.fresh("fleet-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        masterSecret = Base64.getEncoder().encodeToString(secret);
        haproxyLog = dir.resolve("haproxy.log");
    }

    URI balancer() {
        return URI.create("http://127.0.0.1:" + balancerPort);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Starts a node process: nothing but the shared datasource and master secret, its own port and folder. */
    Node startNode(String name) throws IOException {
        int port = freePort();
        Path home = Files.createDirectories(dir.resolve(name));
        Path log = home.resolve("node.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--ueledger.organisation.public-base-url=" + balancer(),
                "--ueledger.embedded-postgres.data-dir=" + home.resolve("postgres"),
                "--ueledger.pki.dir=" + home.resolve("pki"),
                "--ueledger.ledger.dir=" + home.resolve("ledger"),
                "--ueledger.ledger.checkpoint-interval=PT3S",
                "--ueledger.mdm.client-certificate-header=X-Device-Certificate",
                "--logging.level.root=WARN",
                "--logging.level.io.ueledger=INFO")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL", jdbcUrl());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        builder.environment().put("UELEDGER_SIGNING_SECRET", masterSecret);
        builder.environment().remove("SERVER_PORT");
        Node node = new Node(name, port, home, log, builder.start());
        nodes.add(node);
        return node;
    }

    /** HAProxy with the shipped defaults and backend; a plain HTTP frontend on 127.0.0.1 instead of TLS. */
    void startBalancer() throws IOException {
        String shipped = Files.readString(SHIPPED_HAPROXY_CONFIG);
        String head = shipped.substring(0, shipped.indexOf("frontend ue_ledger"));
        String backend = shipped.substring(shipped.indexOf("\nbackend ue_ledger_nodes") + 1);
        StringBuilder servers = new StringBuilder();
        for (Node node : nodes) {
            servers.append("    server ").append(node.name).append(" 127.0.0.1:").append(node.port).append(" check\n");
        }
        backend = backend.lines().filter(line -> !line.strip().startsWith("server "))
                .reduce("", (a, b) -> a + b + "\n") + servers;
        String config = head + """
                frontend ue_ledger
                    bind 127.0.0.1:%d
                    http-request del-header X-Device-Certificate
                    default_backend ue_ledger_nodes

                """.formatted(balancerPort) + backend;
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(haproxyLog.toFile()).start();
    }

    boolean balancerRunning() {
        return haproxy != null && haproxy.isAlive();
    }

    String haproxyLog() {
        try {
            return Files.readString(haproxyLog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String get(URI uri, String basicAuth) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120));
            if (basicAuth != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        basicAuth.getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return Base64.getEncoder().encodeToString(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (haproxy != null) {
            haproxy.destroy();
        }
        for (Node node : nodes) {
            node.process.destroy();
        }
        for (Node node : nodes) {
            try {
                if (!node.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    node.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postgres.close();
        // keep what the processes said for the test report; drop the rest (the database, keys)
        Path logs = Files.createDirectories(Path.of("target/fleet-logs"));
        for (Node node : nodes) {
            Files.copy(node.log(), logs.resolve(node.name() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.exists(haproxyLog)) {
            Files.copy(haproxyLog, logs.resolve("haproxy.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Node(String name, int port, Path home, Path log, Process process) {

        URI uri() {
            return URI.create("http://127.0.0.1:" + port);
        }

        boolean ready() {
            return process.isAlive() && status(uri().resolve("/actuator/health/readiness")) == 200;
        }

        String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long linesMatching(String text) {
            try (Stream<String> lines = Files.lines(log)) {
                return lines.filter(line -> line.contains(text)).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
