package io.ueledger.ops.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for integration tests: the whole application on a free port against a real PostgreSQL.
 * Without SPRING_DATASOURCE_URL that is the embedded PostgreSQL, in a fresh cluster per test JVM
 * (Spring reuses the context, so every test class of a run shares one database: use fresh ids).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// metrics exported as in production (/actuator/prometheus), so the dashboard's metrics can be checked;
// on every IT alike so that all share one context (one server on the fixed port)
@AutoConfigureObservability(tracing = false)
public abstract class IntegrationTest {

    private static final Path DATA_DIR = freshDataDir();
    /** Fixed per JVM so that the URLs the server gives devices (BaseURL, ServerURL, SCEP) point at it. */
    protected static final int PORT = freePort();

    static {
        // A system property, not a dynamic one, so that a test class with a context of its own can
        // still move its server to another port with a dynamic property.
        System.setProperty("server.port", String.valueOf(PORT));
        // Likewise the URLs the server hands devices: a context on another port moves them with it.
        System.setProperty("ueledger.organisation.public-base-url", "http://127.0.0.1:" + PORT);
    }

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate directory;

    @DynamicPropertySource
    static void embeddedPostgresInFreshFolder(DynamicPropertyRegistry registry) {
        registry.add("ueledger.embedded-postgres.data-dir", DATA_DIR::toString);
        registry.add("ueledger.pki.dir", () -> DATA_DIR.resolveSibling("pki").toString());
        registry.add("ueledger.ledger.dir", () -> DATA_DIR.resolveSibling("ledger").toString());
    }

    /**
     * The Managed Apple Account exists and is active: created through the admin API if missing, and
     * switched back on in the directory, since other ITs of the shared database deactivate demo users.
     */
    protected void givenActiveAccount(String email, String displayName) {
        var created = asAdmin().postForEntity("/api/admin/accounts",
                java.util.Map.of("email", email, "displayName", displayName), String.class);
        org.assertj.core.api.Assertions.assertThat(created.getStatusCode())
                .isIn(org.springframework.http.HttpStatus.CREATED, org.springframework.http.HttpStatus.CONFLICT);
        directory.update("update account_directory set active = true where email = ?", email);
    }

    /** A client signed in as the demo admin. */
    protected TestRestTemplate asAdmin() {
        return http.withBasicAuth("admin", "admin-demo");
    }

    /** A client signed in as the demo compliance officer. */
    protected TestRestTemplate asCompliance() {
        return http.withBasicAuth("compliance", "compliance-demo");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path freshDataDir() {
        return TestFolders.fresh("shared-context-").resolve("postgres");
    }
}
