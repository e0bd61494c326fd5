package io.ueledger.ops.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ueledger.command.acme.ClientIdentifiers;
import io.ueledger.command.device.DeviceIdentityDirectory;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Independent ACME clients against the ACME server over HTTPS: acme4j in this JVM and Debian's lego
 * as a separate process, each with an account, an order for a ClientIdentifier bound to an enrollment,
 * the http-01 challenge served on 127.0.0.1 and the downloaded certificate, which must be the
 * enrollment's identity from the device CA, recorded on the enrollment.
 */
class AcmeClientsIT extends AcmeTestServer {

    @Autowired
    CommandGateway commands;
    @Autowired
    ClientIdentifiers clientIdentifiers;
    @Autowired
    DeviceIdentityDirectory identities;
    @Autowired
    ServerPki pki;
    @Autowired
    JdbcTemplate jdbc;

    private final Map<String, String> served = new ConcurrentHashMap<>();
    private HttpServer challengeServer;

    @BeforeEach
    void serveHttp01Tokens() throws Exception {
        challengeServer = HttpServer.create(new InetSocketAddress("127.0.0.1", HTTP01_PORT), 0);
        challengeServer.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
            byte[] body = served.getOrDefault(token, "").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        challengeServer.start();
    }

    @AfterEach
    void stopServing() {
        challengeServer.stop(0);
    }

    /** An enrollment that got its profile, and the one-time ClientIdentifier such a profile carries. */
    String enrollmentWithClientIdentifier(String enrollmentRef) {
        Instant now = Instant.now();
        String tokenId = "tok-" + UUID.randomUUID();
        commands.sendAndWait(new RequestEnrollment(enrollmentRef, "corp.example", "iPhone", Platform.IOS,
                "iPhone16,1", "17.4", "21E219", "en", "CN=device", "digest", AuthMethod.APPLE_AS_WEB, now));
        commands.sendAndWait(new RecordUserAuthentication(enrollmentRef, "embedded", "subject-1",
                "alice@corp.example", now));
        commands.sendAndWait(new IssueSessionToken(enrollmentRef, tokenId, "token-hash", now.plus(Duration.ofHours(1)),
                now));
        commands.sendAndWait(new DeliverEnrollmentProfile(enrollmentRef, tokenId, "io.ueledger.enrollment."
                + enrollmentRef, UUID.randomUUID().toString(), "com.apple.mgmt.placeholder", "digest", now));
        return clientIdentifiers.issue(enrollmentRef);
    }

    @Test
    void acme4j_orders_proves_http01_and_downloads_the_enrollments_identity() throws Exception {
        String enrollmentRef = "acme4j-" + UUID.randomUUID();
        String clientIdentifier = enrollmentWithClientIdentifier(enrollmentRef);

        Session session = new Session(BASE + "/acme/directory");
        Account account = new AccountBuilder().agreeToTermsOfService().addEmail("it@corp.example")
                .useKeyPair(KeyPairUtils.createECKeyPair("secp384r1")).create(session);
        Order order = account.newOrder().domain(clientIdentifier).create();
        Authorization authorization = order.getAuthorizations().get(0);
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
        served.put(challenge.getToken(), challenge.getAuthorization());
        challenge.trigger();
        assertThat(authorization.waitForCompletion(Duration.ofSeconds(60))).isEqualTo(Status.VALID);

        KeyPair deviceKey = KeyPairUtils.createECKeyPair("secp384r1");
        order.execute(deviceKey);
        assertThat(order.waitForCompletion(Duration.ofSeconds(60))).isEqualTo(Status.VALID);
        X509Certificate issued = order.getCertificate().getCertificate();

        assertThat(issued.getPublicKey()).isEqualTo(deviceKey.getPublic());
        assertThat(issued.getSubjectX500Principal().getName()).contains("ue-ledger identity " + enrollmentRef);
        issued.verify(pki.deviceIdentityCa().certificate().getPublicKey());
        assertThat(identities.enrollmentOf(sha256(issued))).contains(enrollmentRef);
    }

    /** Debian's lego, a separate Go process, runs the whole flow with its own http-01 server on 127.0.0.1. */
    @Test
    void lego_obtains_the_enrollments_identity_as_a_separate_process() throws Exception {
        challengeServer.stop(0); // lego serves the challenge on that port itself
        String enrollmentRef = "lego-" + UUID.randomUUID();
        String clientIdentifier = enrollmentWithClientIdentifier(enrollmentRef);
        Path legoDir = Files.createTempDirectory(DIR, "lego-");

        ProcessBuilder lego = new ProcessBuilder("lego", "--server", BASE + "/acme/directory", "--accept-tos",
                "--email", "it@corp.example", "--path", legoDir.toString(), "--key-type", "ec384", "--http",
                "--http.port", "127.0.0.1:" + HTTP01_PORT, "-d", clientIdentifier, "run")
                .redirectErrorStream(true);
        lego.environment().put("LEGO_CA_CERTIFICATES", TLS_CA_PEM.toString());
        Process process = lego.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        X509Certificate issued = firstPem(Files.readAllBytes(
                legoDir.resolve("certificates").resolve(clientIdentifier + ".crt")));
        assertThat(issued.getSubjectX500Principal().getName()).contains("ue-ledger identity " + enrollmentRef);
        issued.verify(pki.deviceIdentityCa().certificate().getPublicKey());
        assertThat(identities.enrollmentOf(sha256(issued))).contains(enrollmentRef);
    }

    static String sha256(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    static X509Certificate firstPem(byte[] pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }
}
