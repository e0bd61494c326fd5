package io.ueledger.ops.acme;

import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.ops.push.TestPki;
import io.ueledger.ops.simulator.device.DeviceAttestationAuthority;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.OwnDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with ACME switched on, over HTTPS (ACME clients such as lego refuse anything else),
 * on a database and ports of its own. http-01 is enabled for the independent clients, validated against
 * {@link #HTTP01_PORT} on 127.0.0.1, which only this test setting lets the validator reach. This JVM
 * trusts the test server certificate, so acme4j and the simulator connect like clients of a real server.
 */
public abstract class AcmeTestServer extends IntegrationTest {

    protected static final Path DIR = OwnDatabase.tempDir("ue-ledger-acme-it-");
    protected static final int HTTPS_PORT = OwnDatabase.freePort();
    protected static final int HTTP01_PORT = OwnDatabase.freePort();
    protected static final String BASE = "https://127.0.0.1:" + HTTPS_PORT;
    protected static final TestPki.Issued TLS = TestPki.server();
    protected static final Path TLS_CA_PEM = TestPki.pem(TLS.certificate(), DIR);
    /** Plays Apple's attestation service; the server is configured with its root as the attestation root. */
    protected static final DeviceAttestationAuthority ATTESTATION = DeviceAttestationAuthority.create(
            new CertificateMaker(java.time.Clock.systemUTC()));
    private static final EmbeddedPostgres POSTGRES = OwnDatabase.startPostgres(DIR);

    static {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("acme-it-server", TLS.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            SSLContext.setDefault(context);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void acmeOverHttps(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("server.port", () -> HTTPS_PORT);
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> TestPki.pkcs12(TLS, "tls-secret", DIR).toString());
        registry.add("server.ssl.key-store-password", () -> "tls-secret");
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("ueledger.organisation.public-base-url", () -> BASE);
        registry.add("ueledger.acme.enabled", () -> "true");
        registry.add("ueledger.acme.apple-attestation-root",
                () -> TestPki.pem(ATTESTATION.rootCertificate(), DIR).toString());
        registry.add("ueledger.acme.http01.enabled", () -> "true");
        registry.add("ueledger.acme.http01.validation-address", () -> "127.0.0.1:" + HTTP01_PORT);
        registry.add("ueledger.acme.http01.allow-loopback", () -> "true");
    }
}
