package io.ueledger.ops.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for integration tests: the whole application on a random port against a real PostgreSQL.
 * Without SPRING_DATASOURCE_URL that is the embedded PostgreSQL, in a fresh cluster per test JVM
 * (Spring reuses the context, so every test class of a run shares one database: use fresh ids).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    private static final Path DATA_DIR = freshDataDir();

    @Autowired
    protected TestRestTemplate http;

    @DynamicPropertySource
    static void embeddedPostgresInFreshFolder(DynamicPropertyRegistry registry) {
        registry.add("ueledger.embedded-postgres.data-dir", DATA_DIR::toString);
        registry.add("ueledger.pki.dir", () -> DATA_DIR.resolveSibling("pki").toString());
    }

    /** A client signed in as the demo admin. */
    protected TestRestTemplate asAdmin() {
        return http.withBasicAuth("admin", "admin-demo");
    }

    /** A client signed in as the demo compliance officer. */
    protected TestRestTemplate asCompliance() {
        return http.withBasicAuth("compliance", "compliance-demo");
    }

    private static Path freshDataDir() {
        try {
            Path dir = Files.createTempDirectory("ue-ledger-it-");
            dir.toFile().deleteOnExit();
            return dir.resolve("postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
