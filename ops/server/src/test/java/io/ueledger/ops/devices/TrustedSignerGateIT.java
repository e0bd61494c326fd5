package io.ueledger.ops.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.command.discovery.DiscoveryTokens;
import io.ueledger.command.discovery.UserIdentifier;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.Identity;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.ops.simulator.device.DeviceRequestSigner;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** With {@code require-trusted-signer=true} the signer policy is a gate: untrusted means 403 and no event. */
class TrustedSignerGateIT extends RealDeviceSettings {

    private static final MachineInfo IPHONE = new MachineInfo("en-US", "iPhone17,2", "22C161", "18.2", null, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DiscoveryTokens discoveryTokens;
    @Autowired
    ServerPki pki;
    @Autowired
    CertificateMaker maker;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_signer_from_an_unknown_ca_is_refused_with_the_reason_and_nothing_is_recorded() {
        Identity stranger = DeviceRequestSigner.newDeviceIdentity(maker.selfSignedCa("CN=Not Apple",
                Duration.ofDays(10)), maker);
        long before = events();

        ResponseEntity<String> response = post(DeviceRequestSigner.sign(IPHONE, stranger));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("not issued by a trusted device CA")
                .contains(stranger.certificate().getSubjectX500Principal().getName());
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_trusted_signer_passes_the_gate_and_the_event_says_it_was_gated() throws Exception {
        Identity device = DeviceRequestSigner.newDeviceIdentity(pki.simulatedDeviceCa(), maker);

        assertThat(post(DeviceRequestSigner.sign(IPHONE, device)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        String payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domainevententry where "
                + "payloadtype like '%EnrollmentRequested' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.certificate().getSubjectX500Principal().getName() + "%");
        var evidence = JSON.readTree(payload).path("signerEvidence");
        assertThat(evidence.path("verdict").asText()).isEqualTo("TRUSTED");
        assertThat(evidence.path("gated").asBoolean()).isTrue();
        assertThat(evidence.path("anchor").asText())
                .isEqualTo(pki.simulatedDeviceCa().certificate().getSubjectX500Principal().getName());
    }

    @Test
    void a_device_certificate_expired_by_the_clock_is_refused() {
        Identity device = DeviceRequestSigner.newDeviceIdentity(pki.simulatedDeviceCa(), maker);
        byte[] body = DeviceRequestSigner.sign(IPHONE, device);
        clock.advance(Duration.between(java.time.Instant.now(), device.certificate().getNotAfter().toInstant())
                .plusDays(1));
        long before = events();

        ResponseEntity<String> response = post(body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(events()).isEqualTo(before);
    }

    private ResponseEntity<String> post(byte[] body) {
        String link = discoveryTokens.issue(UserIdentifier.parse("alice@corp.example"), "iPhone");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/pkcs7-signature"));
        return http.exchange("/mdm/enroll/" + link, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }
}
