package io.ueledger.ops.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.discovery.DiscoveryTokens;
import io.ueledger.command.discovery.UserIdentifier;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.simulator.device.DeviceRequestSigner;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * A real person is slower than a test: the discovery link and the sign-in link are checked when the
 * flow starts, and the browser session and then the session token bind the rest, so a sign-in that
 * takes longer than the links' 15 minutes still ends in an enrolled device (time moved by the
 * server's clock). With federation on, an address of the organisation's domain that has no Managed
 * Apple Account yet is offered enrollment, and the account is created from the IdP's identity.
 */
class SlowSignInAndFederationIT extends RealDeviceSettings {

    private static final MachineInfo IPHONE = new MachineInfo("en-US", "iPhone17,2", "22C161", "18.2", null, null);
    private static final Pattern CHALLENGE_URL = Pattern.compile("url=\"([^\"]+)\"");

    @Autowired
    ServerPki pki;
    @Autowired
    CertificateMaker maker;
    @Autowired
    DiscoveryTokens discoveryTokens;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_user_who_reads_the_consent_page_for_twenty_minutes_still_gets_an_enrolled_device() {
        givenActiveAccount("alice@corp.example", "Alice Example");
        SimulatedDevice device = SimulatedDevice.create(URI.create(base()),
                DeviceSpec.of(Platform.IOS, "18.2", "alice@corp.example", "alice-demo"), pki.simulatedDeviceCa(), clock)
                .whileTheUserReadsTheConsentPage(() -> clock.advance(Duration.ofMinutes(20)));

        device.enroll();

        assertThat(device.isEnrolled()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", Long.class,
                "%" + device.enrollmentId() + "%")).isEqualTo(1);
    }

    @Test
    void a_sign_in_link_that_expired_before_the_flow_started_is_refused() {
        String challenge = firstPost(discoveryTokens.issue(UserIdentifier.parse("alice@corp.example"), "iPhone"))
                .getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
        Matcher url = CHALLENGE_URL.matcher(challenge);
        assertThat(url.find()).isTrue();
        clock.advance(Duration.ofMinutes(16));

        ResponseEntity<String> consent = http.getForEntity(URI.create(url.group(1)), String.class);

        assertThat(consent.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(consent.getBody()).contains("not valid or has expired");
    }

    @Test
    void a_discovery_link_that_expired_before_the_first_post_starts_nothing() {
        String link = discoveryTokens.issue(UserIdentifier.parse("alice@corp.example"), "iPhone");
        byte[] body = signedRequest();
        clock.advance(Duration.ofMinutes(16));
        long before = events();

        ResponseEntity<String> response = firstPost(link, body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("expired").contains("start the enrollment again");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void with_federation_an_address_without_an_account_is_discovered_and_its_first_sign_in_creates_the_account() {
        // dana is a user of the built-in identity provider with no Managed Apple Account
        assertThat(jdbc.queryForObject("select count(*) from account_directory where email = 'dana@corp.example'",
                Long.class)).isZero();

        ResponseEntity<Map> discovery = http.getForEntity("/.well-known/com.apple.remotemanagement"
                + "?user-identifier=dana@corp.example&model-family=iPhone", Map.class);
        assertThat(discovery.getStatusCode()).isEqualTo(HttpStatus.OK);

        SimulatedDevice device = SimulatedDevice.create(URI.create(base()),
                DeviceSpec.of(Platform.IOS, "18.2", "dana@corp.example", "dana-demo"), pki.simulatedDeviceCa(), clock);
        device.enroll();

        assertThat(device.isEnrolled()).isTrue();
        assertThat(jdbc.queryForMap("select active, origin from account_directory where email = ?",
                "dana@corp.example")).containsEntry("active", true).containsEntry("origin", "FEDERATED");
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where payloadtype like "
                + "'%ManagedAppleAccountCreated' and convert_from(payload, 'UTF8') like '%FEDERATED%'", Long.class))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void with_federation_a_deactivated_account_and_another_domain_are_still_refused_at_discovery() {
        givenActiveAccount("erin@corp.example", "Erin Example");
        assertThat(asAdmin().postForEntity("/api/admin/accounts/erin@corp.example/deactivate",
                Map.of("reason", "left the company"), String.class).getStatusCode().is2xxSuccessful()).isTrue();

        ResponseEntity<Map> deactivated = http.getForEntity("/.well-known/com.apple.remotemanagement"
                + "?user-identifier=erin@corp.example&model-family=iPhone", Map.class);
        ResponseEntity<Map> elsewhere = http.getForEntity("/.well-known/com.apple.remotemanagement"
                + "?user-identifier=someone@elsewhere.example&model-family=iPhone", Map.class);

        assertThat(deactivated.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deactivated.getBody()).containsEntry("code", "com.apple.well-known.failed");
        assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<String> firstPost(String link) {
        return firstPost(link, signedRequest());
    }

    private byte[] signedRequest() {
        return DeviceRequestSigner.sign(IPHONE, DeviceRequestSigner.newDeviceIdentity(pki.simulatedDeviceCa(),
                maker));
    }

    private ResponseEntity<String> firstPost(String link, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/pkcs7-signature"));
        return http.exchange("/mdm/enroll/" + link, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }
}
