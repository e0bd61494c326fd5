package io.ueledger.ops.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.discovery.DiscoveryTokens;
import io.ueledger.command.discovery.UserIdentifier;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.command.session.SessionTokens;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.ops.simulator.device.DeviceRequestSigner;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.OwnDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A configured topic that disagrees with the MDM push certificate (here imported from the
 * configured file at start): the server refuses to issue enrollment profiles, with the reason,
 * rather than enroll devices that could never be woken. Its own context: the setting is the point.
 */
class PushTopicMismatchIT extends IntegrationTest {

    private static final String CONFIGURED = "com.apple.mgmt.External.aaaaaaaa-0000-0000-0000-000000000001";
    private static final String CERTIFICATE = "com.apple.mgmt.External.bbbbbbbb-0000-0000-0000-000000000002";
    private static final MachineInfo IPHONE = new MachineInfo("en-US", "iPhone17,2", "22C161", "18.2", null, null);
    private static final Path DIR = OwnDatabase.tempDir("ue-ledger-topic-it-");
    private static final EmbeddedPostgres POSTGRES = OwnDatabase.startPostgres(DIR);

    @DynamicPropertySource
    static void topicAndCertificateDisagree(DynamicPropertyRegistry registry) throws IOException {
        Path p12 = DIR.resolve("mdm-push.p12");
        Files.write(p12, TestPushCertificate.forTopic(CERTIFICATE, Duration.ofDays(365)).pkcs12("s3cret"));
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("server.port", () -> 0);
        registry.add("ueledger.pki.dir", () -> DIR.resolve("pki").toString());
        registry.add("ueledger.ledger.dir", () -> DIR.resolve("ledger").toString());
        registry.add("ueledger.enrollment.profile.topic", () -> CONFIGURED);
        registry.add("ueledger.apns.certificate", p12::toString);
        registry.add("ueledger.apns.password", () -> "s3cret");
    }

    @Autowired
    DiscoveryTokens discoveryTokens;
    @Autowired
    ServerPki pki;
    @Autowired
    CertificateMaker maker;
    @Autowired
    SessionTokens sessionTokens;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void no_profile_is_issued_while_the_configured_topic_and_the_certificate_disagree() {
        givenActiveAccount("alice@corp.example", "Alice Example");
        String link = "/mdm/enroll/" + discoveryTokens.issue(UserIdentifier.parse("alice@corp.example"), "iPhone");
        byte[] body = DeviceRequestSigner.sign(IPHONE, DeviceRequestSigner.newDeviceIdentity(pki.simulatedDeviceCa(),
                maker));
        assertThat(post(link, body, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%EnrollmentRequested' order by globalindex desc limit 1", String.class);
        commands.sendAndWait(new RecordUserAuthentication(ref, "builtin", "sub-alice", "alice@corp.example",
                Instant.now()));
        String token = sessionTokens.issue(ref, "alice@corp.example").token();
        long challengesBefore = jdbc.queryForObject("select count(*) from scep_challenge", Long.class);

        ResponseEntity<String> response = post(link, body, token);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBody()).contains(CONFIGURED).contains(CERTIFICATE).contains("can never be woken");
        assertThat(jdbc.queryForList("select payloadtype from domainevententry where aggregateidentifier = ?",
                String.class, ref)).noneMatch(type -> type.endsWith("EnrollmentProfileDelivered"));
        assertThat(jdbc.queryForObject("select count(*) from scep_challenge", Long.class)).isEqualTo(challengesBefore);
        assertThat(asAdmin().getForEntity("/api/admin/push-certificate", String.class).getBody())
                .contains(CERTIFICATE).contains("CONFIGURED_FILE");
    }

    private ResponseEntity<String> post(String url, byte[] body, String bearer) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/pkcs7-signature"));
        if (bearer != null) {
            headers.setBearerAuth(bearer);
        }
        return http.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
