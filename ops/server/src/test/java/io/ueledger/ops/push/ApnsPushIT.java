package io.ueledger.ops.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ueledger.command.push.PushCredentialHashes;
import io.ueledger.command.push.PushCredentials;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.push.PushRejected;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.OwnDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with an MDM push certificate configured, pushing to Pushy's mock APNs
 * server on localhost over TLS with client-certificate authentication.
 *
 * <p>Configuring a certificate makes a second application context, so this class brings its own
 * real PostgreSQL instead of sharing (and locking) the folder of the default test context's one.
 */
class ApnsPushIT extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ApnsPushIT.class);
    private static final String TOPIC = "com.apple.mgmt.External.2f0c1d4e-6a55-4d1b-9a9e-0c6b1d1e7f10";
    private static final Duration WINDOW = Duration.ofMillis(500);

    private static final Path DIR = OwnDatabase.tempDir("ue-ledger-apns-it-");
    private static final TestPki.Issued PUSH_CERTIFICATE = TestPki.mdmPushCertificate(TOPIC);
    private static final TestPki.Issued SERVER_CERTIFICATE = TestPki.server();
    private static final MockApns APNS = new MockApns(SERVER_CERTIFICATE, TestPki.pem(PUSH_CERTIFICATE.certificate(), DIR));
    private static final EmbeddedPostgres POSTGRES = OwnDatabase.startPostgres(DIR);

    @DynamicPropertySource
    static void pushToTheMockServer(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("ueledger.apns.certificate", () -> TestPki.pkcs12(PUSH_CERTIFICATE, "push-secret", DIR).toString());
        registry.add("ueledger.apns.password", () -> "push-secret");
        registry.add("ueledger.apns.environment", () -> "development");
        registry.add("ueledger.apns.host", () -> "localhost");
        registry.add("ueledger.apns.port", APNS::port);
        registry.add("ueledger.apns.trusted-server-certificate",
                () -> TestPki.pem(SERVER_CERTIFICATE.certificate(), DIR).toString());
        registry.add("ueledger.apns.coalesce-window", WINDOW::toString);
        // a second application context cannot share the default one's port
        registry.add("server.port", () -> 0);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    PushCredentials credentials;
    @Autowired
    EventStore events;
    @Autowired
    MeterRegistry meters;

    TestEnrollments enrollments;

    @BeforeEach
    void setUp() {
        enrollments = new TestEnrollments(commands, credentials);
    }

    @Test
    void a_queued_command_wakes_the_device_with_exactly_the_mdm_payload_and_its_topic() {
        var device = enrollments.enrollIphone(TOPIC);

        enrollments.queueCommand(device);

        List<MockApns.Received> pushes = pushesAfterTheWindow(device, 1);
        assertThat(pushes).hasSize(1);
        MockApns.Received push = pushes.get(0);
        assertThat(push.payload()).isEqualTo("{\"mdm\":\"" + device.pushMagic() + "\"}");
        assertThat(push.headers())
                .containsEntry("apns-topic", TOPIC)
                .containsEntry("apns-push-type", "mdm")
                .containsEntry("apns-priority", "10");
        assertThat(push.rejection()).isNull();
    }

    @Test
    void five_commands_queued_in_a_burst_give_one_push() {
        var device = enrollments.enrollIphone(TOPIC);
        double coalescedBefore = meters.counter("ueledger.apns.pushes.coalesced").count();
        double sentBefore = meters.counter("ueledger.apns.pushes.sent").count();

        Instant firstQueued = Instant.now();
        for (int i = 0; i < 5; i++) {
            enrollments.queueCommand(device);
        }
        long queuedMs = Duration.between(firstQueued, Instant.now()).toMillis();

        List<MockApns.Received> pushes = pushesAfterTheWindow(device, 1);
        assertThat(pushes).hasSize(1);
        assertThat(meters.counter("ueledger.apns.pushes.coalesced").count() - coalescedBefore).isEqualTo(4.0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(meters.counter("ueledger.apns.pushes.sent").count() - sentBefore).isEqualTo(1.0));
        log.info("5 commands queued in {} ms gave {} push, {} ms after the first was queued", queuedMs,
                pushes.size(), Duration.between(firstQueued, pushes.get(0).at()).toMillis());
    }

    @Test
    void an_unregistered_token_becomes_a_push_rejected_event_in_the_ledger() {
        var device = enrollments.enrollIphone(TOPIC);
        APNS.markUnregistered(HexFormat.of().formatHex(device.deviceToken()));

        enrollments.queueCommand(device);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(rejections(device.enrollmentRef())).hasSize(1));
        PushRejected rejected = rejections(device.enrollmentRef()).get(0);
        assertThat(rejected.reason()).isEqualTo("Unregistered");
        assertThat(rejected.channel()).isEqualTo(Channel.DEVICE);
        assertThat(rejected.tokenHash()).isEqualTo(PushCredentialHashes.ofToken(device.deviceToken()));
        assertThat(rejected.apnsTimestamp()).isEqualTo(MockApns.UNREGISTERED_SINCE);
        assertThat(APNS.to(HexFormat.of().formatHex(device.deviceToken()))).singleElement()
                .extracting(MockApns.Received::rejection).isEqualTo("UNREGISTERED");
    }

    @Test
    void the_health_page_names_the_gateway_mode_topic_and_certificate_expiry() {
        String health = asAdmin().getForObject("/actuator/health", String.class);

        assertThat(health).contains("\"apns\":{\"status\":\"UP\"")
                .contains("\"mode\":\"development\"")
                .contains("\"topic\":\"" + TOPIC + "\"")
                .contains("\"certificateExpires\":\"" + PUSH_CERTIFICATE.certificate().getNotAfter().toInstant());
    }

    private List<PushRejected> rejections(String enrollmentRef) {
        return events.readEvents(enrollmentRef).asStream()
                .filter(e -> e.getPayload() instanceof PushRejected)
                .map(e -> (PushRejected) e.getPayload())
                .toList();
    }

    /** Waits for the expected pushes, then one more window, so a late extra push would be seen too. */
    private List<MockApns.Received> pushesAfterTheWindow(TestEnrollments.Enrolled device, int expected) {
        String token = HexFormat.of().formatHex(device.deviceToken());
        await().atMost(Duration.ofSeconds(10)).until(() -> APNS.to(token).size() >= expected);
        try {
            Thread.sleep(WINDOW.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return APNS.to(token);
    }
}
