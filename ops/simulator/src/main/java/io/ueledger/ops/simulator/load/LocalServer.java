package io.ueledger.ops.simulator.load;

import io.ueledger.ops.UeLedgerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole ue-ledger server inside this process, with its embedded PostgreSQL and PKI in a fresh folder, on a
 * free port of 127.0.0.1: a load run gets a clean ledger of its own, never touches a server someone uses, and
 * can read the event store directly to check what it did.
 */
public final class LocalServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI uri;
    private final Path workDir;
    private final boolean deleteOnClose;

    private LocalServer(ConfigurableApplicationContext context, URI uri, Path workDir, boolean deleteOnClose) {
        this.context = context;
        this.uri = uri;
        this.workDir = workDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** @param workDir where the cluster and PKI go; null for a temporary folder removed on close */
    public static LocalServer start(Path workDir) {
        try {
            boolean temporary = workDir == null;
            Path dir = temporary ? Files.createTempDirectory("ue-ledger-load-") : workDir;
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            // command-line arguments: they win over environment variables such as SERVER_PORT
            ConfigurableApplicationContext context = new SpringApplicationBuilder(UeLedgerApplication.class).run(
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--ueledger.organisation.public-base-url=" + base,
                    "--ueledger.embedded-postgres.data-dir=" + dir.resolve("postgres"),
                    "--ueledger.pki.dir=" + dir.resolve("pki"),
                    "--spring.datasource.url=",
                    "--logging.level.root=WARN",
                    "--logging.level.io.ueledger.ops.simulator=INFO");
            return new LocalServer(context, URI.create(base), dir, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the load run's server", e);
        }
    }

    public URI uri() {
        return uri;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
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
