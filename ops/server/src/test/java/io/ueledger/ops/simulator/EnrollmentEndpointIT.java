package io.ueledger.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSDictionary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.discovery.DiscoveryTokens;
import io.ueledger.command.discovery.UserIdentifier;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.Identity;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.command.session.SessionTokens;
import io.ueledger.kernel.enrollment.RecordUserAuthentication;
import io.ueledger.ops.simulator.device.DeviceRequestSigner;
import io.ueledger.ops.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The BaseURL (POST) refuses what a real device would never send, with a clear status and without
 * a single event; and it challenges, never hands out a profile, for a token that is not valid.
 */
class EnrollmentEndpointIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MachineInfo IPHONE = new MachineInfo("en-US", "iPhone17,2", "22C161", "18.2", null, null);

    @Autowired
    DiscoveryTokens discoveryTokens;
    @Autowired
    ServerPki pki;
    @Autowired
    CertificateMaker maker;
    @Autowired
    SessionTokens sessionTokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;

    private String baseUrl;
    private Identity device;

    @BeforeEach
    void aDiscoveredEnrollmentLink() {
        baseUrl = "/mdm/enroll/" + discoveryTokens.issue(UserIdentifier.parse("alice@corp.example"), "iPhone");
        device = DeviceRequestSigner.newDeviceIdentity(pki.simulatedDeviceCa(), maker);
    }

    private ResponseEntity<String> post(String url, byte[] body, String contentType, String bearer) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        if (bearer != null) {
            headers.setBearerAuth(bearer);
        }
        return http.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    @Test
    void the_first_signed_post_is_challenged_whatever_the_content_type() {
        for (String contentType : new String[] {"application/pkcs7-signature", "application/x-www-form-urlencoded",
                "application/xml"}) {
            ResponseEntity<String> response = post(baseUrl, DeviceRequestSigner.sign(IPHONE, device), contentType,
                    null);
            assertThat(response.getStatusCode()).as(contentType).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .startsWith("Bearer method=\"apple-as-web\", url=\"http://127.0.0.1:" + PORT + "/enroll/login?");
        }
    }

    @Test
    void an_unsigned_plist_a_malformed_body_and_an_oversized_body_are_refused_without_an_event() {
        long before = events();
        byte[] plainPlist = DeviceRequestSigner.plist(IPHONE).toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        assertThat(post(baseUrl, plainPlist, "application/xml", null).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(baseUrl, "not cms at all".getBytes(StandardCharsets.UTF_8), "application/pkcs7-signature",
                null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post(baseUrl, new byte[70 * 1024], "application/pkcs7-signature", null).getStatusCode())
                .isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_device_enrollment_body_with_a_udid_is_refused() {
        NSDictionary withUdid = DeviceRequestSigner.plist(IPHONE);
        withUdid.put("UDID", "00008101-000A1B2C3D4E001E");
        long before = events();
        ResponseEntity<String> response = post(baseUrl, DeviceRequestSigner.signPlist(withUdid, device),
                "application/pkcs7-signature", null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("UDID");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void by_default_a_signer_from_an_unknown_ca_is_challenged_and_its_chain_and_verdict_are_in_the_history()
            throws Exception {
        Identity unknownCa = maker.selfSignedCa("CN=Not Apple", Duration.ofDays(10));
        Identity stranger = DeviceRequestSigner.newDeviceIdentity(unknownCa, maker);
        byte[] body = DeviceRequestSigner.sign(IPHONE, stranger);

        ResponseEntity<String> response = post(baseUrl, body, "application/pkcs7-signature", null);

        assertThat(response.getStatusCode()).as("evidence, not a gate").isEqualTo(HttpStatus.UNAUTHORIZED);
        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%EnrollmentRequested' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + sha256Hex(body) + "%");
        JsonNode evidence = JSON.readTree(jdbc.queryForObject("select convert_from(payload, 'UTF8') from "
                + "domainevententry where aggregateidentifier = ? and payloadtype like '%EnrollmentRequested'",
                String.class, ref)).path("signerEvidence");
        assertThat(evidence.path("verdict").asText()).isEqualTo("UNTRUSTED");
        assertThat(evidence.path("gated").asBoolean()).isFalse();
        assertThat(evidence.path("chain").get(0).path("subject").asText())
                .isEqualTo(stranger.certificate().getSubjectX500Principal().getName());
        assertThat(evidence.path("chain").get(0).path("issuer").asText()).isEqualTo("CN=Not Apple");
        assertThat(historyDescription(ref)).contains("signer not trusted by the configured anchors");
    }

    @Test
    void a_signer_from_the_configured_anchor_is_recorded_as_trusted() throws Exception {
        byte[] body = DeviceRequestSigner.sign(IPHONE, device);

        assertThat(post(baseUrl, body, "application/pkcs7-signature", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%EnrollmentRequested' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + sha256Hex(body) + "%");
        assertThat(historyDescription(ref)).contains("signer trusted (" 
                + pki.simulatedDeviceCa().certificate().getSubjectX500Principal().getName() + ")");
    }

    @Test
    void a_signature_that_does_not_match_the_body_is_refused_without_an_event() {
        byte[] body = DeviceRequestSigner.sign(IPHONE, device);
        byte[] product = "iPhone17,2".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i < body.length - product.length; i++) {
            for (int j = 0; j < product.length; j++) {
                if (body[i + j] != product[j]) {
                    continue outer;
                }
            }
            body[i + 6] = '9';
            break;
        }
        long before = events();

        ResponseEntity<String> response = post(baseUrl, body, "application/pkcs7-signature", null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("signature");
        assertThat(events()).isEqualTo(before);
    }

    private String historyDescription(String ref) {
        java.util.concurrent.atomic.AtomicReference<String> found = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            ResponseEntity<JsonNode> history = asCompliance().getForEntity("/api/enrollments/" + ref
                    + "/history?order=asc&size=10", JsonNode.class);
            if (history.getStatusCode() != HttpStatus.OK) {
                return false;
            }
            for (JsonNode item : history.getBody().path("items")) {
                if (item.path("eventType").asText().equals("EnrollmentRequested")) {
                    found.set(item.toString());
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_forged_discovery_link_is_refused() {
        long before = events();
        ResponseEntity<String> response = post("/mdm/enroll/forged.link.value", DeviceRequestSigner.sign(IPHONE, device),
                "application/pkcs7-signature", null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("start the enrollment again");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_forged_bearer_gets_the_challenge_again_never_a_profile() {
        ResponseEntity<String> response = post(baseUrl, DeviceRequestSigner.sign(IPHONE, device),
                "application/pkcs7-signature", "forged-token-value-that-was-never-issued");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("apple-as-web");
        assertThat(response.getHeaders().getContentType()).isNull();
    }

    @Test
    void a_token_of_another_account_on_this_link_gets_the_challenge_again() {
        // bob's session token presented on a link that discovery issued for alice
        ResponseEntity<String> first = post(baseUrl, DeviceRequestSigner.sign(IPHONE, device),
                "application/pkcs7-signature", null);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry "
                + "order by globalindex desc limit 1", String.class);
        jdbc.update("insert into account_directory (email, account_id, display_name, active, origin, updated_at) "
                + "values ('bob.other@corp.example', 'acct-bob-other', 'Bob', true, 'MANUAL', now()) "
                + "on conflict do nothing"); // test setup: an active account for the foreign token
        commands.sendAndWait(new RecordUserAuthentication(ref, "builtin", "sub", "bob.other@corp.example",
                Instant.now()));
        SessionTokens.IssuedToken bobs = sessionTokens.issue(ref, "bob.other@corp.example");

        ResponseEntity<String> response = post(baseUrl, DeviceRequestSigner.sign(IPHONE, device),
                "application/pkcs7-signature", bobs.token());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(jdbc.queryForList("select payloadtype from domainevententry where aggregateidentifier = ?",
                String.class, ref)).noneMatch(type -> type.endsWith("EnrollmentProfileDelivered"));
    }

    @Test
    void discovery_of_an_unknown_domain_is_refused_with_the_apple_body() {
        ResponseEntity<Map> response = http.getForEntity(
                "/.well-known/com.apple.remotemanagement?user-identifier=someone@elsewhere.example&model-family=iPhone",
                Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).containsEntry("code", "com.apple.well-known.failed");
    }
}
