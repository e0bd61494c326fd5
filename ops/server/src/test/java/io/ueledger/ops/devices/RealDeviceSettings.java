package io.ueledger.ops.devices;

import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.OwnDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for the "ready for real devices" ITs, with the settings a production
 * install that knows its devices would choose: {@code require-trusted-signer} on, federation on
 * (first sign-in creates the Managed Apple Account), and a clock the tests move forward. Another
 * configuration makes another context, so it has its own PostgreSQL and port; every IT class that
 * extends this one shares them.
 */
@Import(RealDeviceSettings.ClockForTests.class)
public abstract class RealDeviceSettings extends IntegrationTest {

    private static final Path DIR = OwnDatabase.tempDir("ue-ledger-devices-it-");
    private static final EmbeddedPostgres POSTGRES = OwnDatabase.startPostgres(DIR);
    protected static final int DEVICES_PORT = OwnDatabase.freePort();
    private static final int CLOSED_PORT = OwnDatabase.freePort();
    /** The topic of every push certificate the tests of this context upload (a renewal keeps it). */
    protected static final String PUSH_TOPIC = "com.apple.mgmt.External.6f1c9a2e-31d4-4b8e-a6f0-5d2e7c9b1a33";

    @DynamicPropertySource
    static void realDeviceSettings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("server.port", () -> DEVICES_PORT);
        registry.add("ueledger.organisation.public-base-url", RealDeviceSettings::base);
        registry.add("ueledger.pki.dir", () -> DIR.resolve("pki").toString());
        registry.add("ueledger.ledger.dir", () -> DIR.resolve("ledger").toString());
        registry.add("ueledger.enrollment.require-trusted-signer", () -> "true");
        registry.add("ueledger.idp.federation.enabled", () -> "true");
        // Push certificates are uploaded by the tests; pushes go nowhere (a closed local port).
        registry.add("ueledger.apns.environment", () -> "development");
        registry.add("ueledger.apns.host", () -> "127.0.0.1");
        registry.add("ueledger.apns.port", () -> CLOSED_PORT);
        registry.add("ueledger.apns.reload-interval", () -> "1s");
    }

    @Autowired
    protected AdjustableClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    protected static String base() {
        return "http://127.0.0.1:" + DEVICES_PORT;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockForTests {
        @Bean
        @Primary
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }
    }
}
