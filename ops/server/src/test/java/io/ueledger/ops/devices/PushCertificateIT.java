package io.ueledger.ops.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.command.push.PushCertificateStore;
import io.ueledger.command.push.PushCertificates;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The MDM push certificate's lifecycle over the admin API: upload without a restart (PKCS#12 or
 * PEM + key), its topic in every new profile with UseDevelopmentAPNS for the development gateway,
 * renewal that keeps the topic, a certificate with another topic refused with the reason, bad
 * files refused without a trace, and the expiry as a metric and a health warning 30 days ahead.
 */
class PushCertificateIT extends RealDeviceSettings {

    @Autowired
    ServerPki pki;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PushCertificates pushCertificates;
    @Autowired
    PushCertificateStore pushStore;

    @Test
    void an_uploaded_certificate_is_in_force_at_once_and_its_topic_goes_into_new_profiles() {
        ResponseEntity<JsonNode> uploaded = uploadPkcs12(TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(365)),
                "p12-secret");

        assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(uploaded.getBody().path("topic").asText()).isEqualTo(PUSH_TOPIC);
        assertThat(uploaded.getBody().path("daysLeft").asLong()).isBetween(363L, 365L);
        assertThat(uploaded.getBody().has("privateKey")).isFalse();
        assertThat(asAdmin().getForEntity("/api/admin/push-certificate", JsonNode.class).getBody().path("topic")
                .asText()).isEqualTo(PUSH_TOPIC);
        String health = asAdmin().getForObject("/actuator/health", String.class);
        assertThat(health).contains("\"topic\":\"" + PUSH_TOPIC + "\"").contains("\"mode\":\"development\"");

        givenActiveAccount("bob@corp.example", "Bob Example");
        SimulatedDevice device = SimulatedDevice.create(URI.create(base()),
                DeviceSpec.of(Platform.IOS, "18.2", "bob@corp.example", "bob-demo"), pki.simulatedDeviceCa(), clock);
        device.enroll();

        assertThat(device.mdmPayload().get("Topic").toJavaObject()).isEqualTo(PUSH_TOPIC);
        assertThat(device.mdmPayload().get("UseDevelopmentAPNS").toJavaObject()).isEqualTo(true);
    }

    @Test
    void a_renewal_with_the_same_topic_replaces_it_and_another_topic_is_refused_with_the_reason() {
        TestPushCertificate renewed = TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(400));
        ResponseEntity<JsonNode> renewal = uploadPem(renewed.certificatePem(), renewed.privateKeyPem());
        assertThat(renewal.getStatusCode()).isEqualTo(HttpStatus.OK);
        long version = renewal.getBody().path("version").asLong();
        assertThat(renewal.getBody().path("daysLeft").asLong()).isBetween(398L, 400L);

        String otherTopic = "com.apple.mgmt.External.00aa11bb-22cc-33dd-44ee-55ff66778899";
        ResponseEntity<JsonNode> other = uploadPkcs12(TestPushCertificate.forTopic(otherTopic, Duration.ofDays(365)),
                "x");

        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(other.getBody().path("detail").asText()).contains(otherTopic).contains(PUSH_TOPIC)
                .contains("Apple does not let it change").contains("Renew");
        JsonNode current = asAdmin().getForEntity("/api/admin/push-certificate", JsonNode.class).getBody();
        assertThat(current.path("version").asLong()).isEqualTo(version);
        assertThat(current.path("topic").asText()).isEqualTo(PUSH_TOPIC);
    }

    @Test
    void bad_uploads_are_refused_with_what_to_fix_and_change_nothing() {
        long before = rows();
        TestPushCertificate good = TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(365));
        TestPushCertificate tls = TestPushCertificate.issued("CN=mdm.corp.example", Instant.now(), Duration.ofDays(90));
        TestPushCertificate expired = TestPushCertificate.issued("UID=" + PUSH_TOPIC + ",CN=APSP:old,C=US",
                Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(365));
        TestPushCertificate stranger = TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(365));

        assertRefused(uploadPkcs12Bytes(good.pkcs12("right"), "wrong"), "password");
        assertRefused(uploadPkcs12(tls, "x"), "not an MDM push certificate");
        assertRefused(uploadPkcs12(expired, "x"), "expired");
        assertRefused(uploadPem(good.certificatePem(), stranger.privateKeyPem()), "does not belong");
        assertRefused(uploadPem("not a certificate".getBytes(), good.privateKeyPem()), "no PEM certificate");
        assertRefused(upload(new LinkedMultiValueMap<>()), "either a PKCS#12 file");
        assertThat(rows()).isEqualTo(before);
        assertThat(http.exchange("/api/admin/push-certificate", HttpMethod.GET, null, String.class).getStatusCode())
                .as("admins only").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void thirty_days_before_expiry_the_health_page_warns_and_the_metric_counts_down() {
        uploadPkcs12(TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(365)), "x");
        assertThat(asAdmin().getForObject("/actuator/health", String.class)).doesNotContain("\"warning\"");

        clock.advance(Duration.ofDays(345));

        String health = asAdmin().getForObject("/actuator/health", String.class);
        assertThat(health).contains("\"certificateExpiresInDays\":19").contains("expires in 19 days");
        assertThat(asAdmin().getForEntity("/api/admin/push-certificate", JsonNode.class).getBody().path("warning")
                .asText()).contains("Renew it at Apple's Push Certificates Portal");
        double seconds = meters.get("ueledger.apns.certificate.expiry").gauge().value();
        assertThat(seconds).isBetween(Duration.ofDays(19).toSeconds() * 1.0, Duration.ofDays(20).toSeconds() * 1.0);

        clock.advance(Duration.ofDays(21));
        assertThat(asAdmin().getForEntity("/actuator/health", String.class).getBody())
                .contains("\"status\":\"DOWN\"").contains("expired on");
    }

    @Test
    void the_private_key_is_stored_sealed_and_only_the_server_opens_it() {
        TestPushCertificate uploaded = TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(365));
        long version = uploadPem(uploaded.certificatePem(), uploaded.privateKeyPem()).getBody().path("version")
                .asLong();
        byte[] clear = uploaded.keys().getPrivate().getEncoded();

        Map<String, Object> row = jdbc.queryForMap("select private_key, private_key_nonce from mdm_push_certificate "
                + "where version = ?", version);
        byte[] stored = (byte[]) row.get("private_key");
        assertThat(stored).isNotEqualTo(clear);
        assertThat(containsRun(stored, clear, 16)).as("no 16-byte run of the clear key in the stored bytes").isFalse();
        assertThat((byte[]) row.get("private_key_nonce")).hasSize(12);
        assertThat(pushCertificates.refresh().orElseThrow().certificate().privateKey().getEncoded()).isEqualTo(clear);
    }

    @Test
    void a_key_an_earlier_version_stored_in_clear_is_sealed_in_place_and_still_works() {
        TestPushCertificate legacy = TestPushCertificate.forTopic(PUSH_TOPIC, Duration.ofDays(300));
        byte[] clear = legacy.keys().getPrivate().getEncoded();
        // a row as Flyway V180 and the code before V220 wrote it: the PKCS#8 key in clear, no nonce
        long version = jdbc.queryForObject("insert into mdm_push_certificate (topic, subject, not_after, sha256, "
                + "certificate, private_key, source, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, 'UPLOAD', "
                + "'admin', now()) returning version", Long.class, PUSH_TOPIC,
                legacy.certificate().getSubjectX500Principal().getName(),
                java.sql.Timestamp.from(legacy.certificate().getNotAfter().toInstant()), sha256(legacy), der(legacy),
                clear);

        assertThat(pushStore.sealClearKeys()).isEqualTo(1);
        assertThat(pushStore.sealClearKeys()).as("sealed once").isZero();

        byte[] stored = jdbc.queryForObject("select private_key from mdm_push_certificate where version = ?",
                byte[].class, version);
        assertThat(containsRun(stored, clear, 16)).isFalse();
        PushCertificateStore.Stored current = pushCertificates.refresh().orElseThrow();
        assertThat(current.version()).isEqualTo(version);
        assertThat(current.certificate().privateKey().getEncoded()).isEqualTo(clear);
    }

    private static boolean containsRun(byte[] haystack, byte[] needle, int run) {
        for (int from = 0; from + run <= needle.length; from++) {
            byte[] part = Arrays.copyOfRange(needle, from, from + run);
            for (int i = 0; i + run <= haystack.length; i++) {
                if (Arrays.equals(haystack, i, i + run, part, 0, run)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] der(TestPushCertificate certificate) {
        try {
            return certificate.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(TestPushCertificate certificate) {
        try {
            return sha256Hex(certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(TestPushCertificate certificate) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(der(certificate)));
    }

    private void assertRefused(ResponseEntity<JsonNode> response, String reason) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("detail").asText()).contains(reason);
    }

    private long rows() {
        return jdbc.queryForObject("select count(*) from mdm_push_certificate", Long.class);
    }

    ResponseEntity<JsonNode> uploadPkcs12(TestPushCertificate certificate, String password) {
        return uploadPkcs12Bytes(certificate.pkcs12(password), password);
    }

    ResponseEntity<JsonNode> uploadPkcs12Bytes(byte[] pkcs12, String password) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("pkcs12", file(pkcs12, "mdm-push.p12"));
        parts.add("password", password);
        return upload(parts);
    }

    ResponseEntity<JsonNode> uploadPem(byte[] certificate, byte[] key) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("certificate", file(certificate, "MDM_push.pem"));
        parts.add("privateKey", file(key, "mdm-push.key"));
        return upload(parts);
    }

    private ResponseEntity<JsonNode> upload(MultiValueMap<String, Object> parts) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return asAdmin().exchange("/api/admin/push-certificate", HttpMethod.PUT, new HttpEntity<>(parts, headers),
                JsonNode.class);
    }

    private static ByteArrayResource file(byte[] content, String name) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
