package io.ueledger.ops.simulator.load;

import io.ueledger.command.admin.MdmCommandIssuer;
import io.ueledger.command.pki.Identity;
import io.ueledger.command.pki.ServerPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * A whole ue-ledger server inside this process, with its embedded PostgreSQL and PKI in a fresh folder, on a
 * free port of 127.0.0.1: a load run gets a clean ledger of its own, never touches a server someone uses, and
 * can read the event store directly to check what it did.
 *
 * <p>The simulator is a module of its own and does not depend on the server's code: the server's application
 * class is found on the classpath (the server's jar carries the simulator), as Spring Boot's tests find it.
 * Running the server as a separate process instead is planned.
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

    /** Whether the server's application is on this classpath: it is when the simulator runs from the server's jar. */
    public static boolean serverOnClasspath() {
        return serverApplication().isPresent();
    }

    /** @param workDir where the cluster and PKI go; null for a temporary folder removed on close */
    public static LocalServer start(Path workDir) {
        Class<?> application = serverApplication().orElseThrow(() -> new IllegalStateException(
                "the ue-ledger server is not on the classpath: run the simulator from the server's jar"));
        try {
            boolean temporary = workDir == null;
            Path dir = temporary ? Files.createTempDirectory("ue-ledger-load-") : workDir;
            int port = freePort();
            String base = "http://127.0.0.1:" + port;
            // command-line arguments: they win over environment variables such as SERVER_PORT
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(
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

    /** Queues commands through the server's own admin path, inside this process. */
    public MdmCommandQueue commandQueue() {
        return new InProcessMdmCommandQueue(bean(MdmCommandIssuer.class));
    }

    /** The CA the server trusts for simulated devices (standing in for Apple's device CA). */
    public Identity simulatedDeviceCa() {
        return bean(ServerPki.class).simulatedDeviceCa();
    }

    /** Reads this server's event store directly. */
    public LedgerProbe ledger() {
        return new LedgerProbe(bean(JdbcTemplate.class));
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

    private static Optional<Class<?>> serverApplication() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(SpringBootApplication.class));
        List<String> found = scanner.findCandidateComponents("io.ueledger").stream()
                .map(BeanDefinition::getBeanClassName).toList();
        if (found.size() > 1) {
            throw new IllegalStateException("more than one ue-ledger application on the classpath: " + found);
        }
        return found.stream().findFirst()
                .map(name -> ClassUtils.resolveClassName(name, LocalServer.class.getClassLoader()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
