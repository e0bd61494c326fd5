package io.ueledger.ops.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.command.pki.CertificateMaker;
import io.ueledger.command.pki.Identity;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.command.plist.SafePlistParser;
import io.ueledger.command.renewal.IdentityRenewals;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.simulator.device.ScepClientMessages;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Identity renewal end to end with a simulated iPhone and the test clock: when the identity
 * certificate enters the renewal window, the fleet's renewal job sends the device a fresh
 * enrollment profile by InstallProfile; the device re-runs SCEP with the new challenge and signs on
 * with the new certificate, which retires the old one. Both are accepted in between; a device error
 * is retried; a wrong or used challenge changes nothing; an expired certificate without renewal is
 * refused as before.
 */
class IdentityRenewalIT extends RealDeviceSettings {

    @Autowired
    ServerPki pki;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityRenewals renewals;
    @Autowired
    CertificateMaker maker;

    @Test
    void inside_the_window_the_device_renews_over_scep_and_the_old_certificate_stops_working_once_it_uses_the_new_one() {
        SimulatedDevice device = enrolledIphone("alice@corp.example", "Alice Example");
        String ref = refOf(device);
        Identity old = device.identity();
        Instant oldNotAfter = old.certificate().getNotAfter().toInstant();

        renewals.run(clock.instant());
        assertThat(renewalState(ref).isMissingNode()).as("not inside the window yet").isTrue();

        clock.advance(Duration.between(clock.instant(), oldNotAfter).minus(Duration.ofDays(20)));
        renewals.run(clock.instant());
        assertThat(renewalState(ref).path("state").asText()).isEqualTo("WAITING_FOR_DEVICE");
        String renewalCommand = renewalState(ref).path("commandUuid").asText();
        renewals.run(clock.instant());
        assertThat(renewalState(ref).path("commandUuid").asText()).as("one attempt waits for the device")
                .isEqualTo(renewalCommand);
        assertThat(renewalState(ref).path("attempts").asInt()).isEqualTo(1);
        NSDictionary profile = queuedProfile(renewalCommand);
        assertThat(profile.objectForKey("PayloadIdentifier").toJavaObject()).isEqualTo(device.enrollmentProfileIdentifier());
        assertThat(mdmPayloadOf(profile).objectForKey("Topic").toJavaObject())
                .isEqualTo(device.mdmPayload().objectForKey("Topic").toJavaObject());
        assertThat(mdmPayloadOf(profile).objectForKey("PayloadIdentifier").toJavaObject())
                .isEqualTo(device.mdmPayload().objectForKey("PayloadIdentifier").toJavaObject());

        assertThat(device.poll()).contains("InstallProfile");

        assertThat(device.identityRenewals()).isEqualTo(1);
        X509Certificate renewed = device.identity().certificate();
        assertThat(renewed.getSerialNumber()).isNotEqualTo(old.certificate().getSerialNumber());
        assertThat(renewed.getNotAfter().toInstant()).isAfter(oldNotAfter);
        assertThat(device.resultsAccepted()).contains(renewalCommand);
        var refused = device.reportIdleSignedWith(old);
        assertThat(refused.statusCode()).as("the old certificate after the switch").isEqualTo(403);
        assertThat(new String(refused.body())).contains("replaced by a renewed one");
        assertThat(device.poll()).as("the device goes on with its new certificate").isEmpty();
        assertThat(device.isEnrolled()).isTrue();

        List<JsonNode> history = history(ref);
        assertThat(types(history)).containsSubsequence("IdentityRenewalStarted", "MdmCommandDelivered",
                "IdentityCertificateRenewed", "IdentityCertificateRetired", "MdmCommandAcknowledged");
        assertThat(types(history)).doesNotContain("ProfileInstalled");
        JsonNode renewedEvent = find(history, "IdentityCertificateRenewed");
        assertThat(renewedEvent.path("summary").asText()).contains("Identity certificate renewed")
                .contains(old.certificate().getSerialNumber().toString(16))
                .contains(renewed.getSerialNumber().toString(16));
        assertThat(find(history, "IdentityCertificateRetired").path("summary").asText())
                .contains("no longer accepted").contains("renewed certificate");
        assertThat(renewalState(ref).path("state").asText()).as("nothing left for admins to watch").isEmpty();
    }

    @Test
    void both_certificates_work_until_the_device_first_uses_the_new_one() throws Exception {
        SimulatedDevice device = enrolledIphone("bob@corp.example", "Bob Example");
        String ref = refOf(device);
        Identity old = device.identity();
        clock.advance(Duration.between(clock.instant(), old.certificate().getNotAfter().toInstant())
                .minus(Duration.ofDays(10)));
        renewals.run(clock.instant());
        String challenge = challengeOf(queuedProfile(renewalState(ref).path("commandUuid").asText()));

        // the device obtains the new certificate but has not signed anything with it yet
        Identity renewed = scep(challenge, device);
        assertThat(renewed).isNotNull();
        assertThat(types(history(ref))).contains("IdentityCertificateRenewed").doesNotContain("IdentityCertificateRetired");
        assertThat(device.reportIdleSignedWith(old).statusCode()).as("old, during the overlap").isEqualTo(200);
        assertThat(device.reportIdleSignedWith(old).statusCode()).isEqualTo(200);

        assertThat(device.reportIdleSignedWith(renewed).statusCode()).as("first use of the new one").isEqualTo(200);
        assertThat(device.reportIdleSignedWith(old).statusCode()).as("old, after the switch").isEqualTo(403);
        assertThat(device.reportIdleSignedWith(renewed).statusCode()).isEqualTo(200);
        List<JsonNode> history = history(ref);
        assertThat(types(history).stream().filter("IdentityCertificateRetired"::equals).count()).isEqualTo(1);
        assertThat(find(history, "IdentityCertificateRetired").path("payload").path("reason").asText())
                .isEqualTo("NEW_CERTIFICATE_USED");
    }

    @Test
    void a_renewal_scep_request_with_a_used_or_wrong_challenge_changes_nothing() throws Exception {
        SimulatedDevice device = enrolledIphone("dana@corp.example", "Dana Example");
        String ref = refOf(device);
        clock.advance(Duration.between(clock.instant(), device.identity().certificate().getNotAfter().toInstant())
                .minus(Duration.ofDays(5)));
        renewals.run(clock.instant());
        String challenge = challengeOf(queuedProfile(renewalState(ref).path("commandUuid").asText()));
        long events = events();
        long identities = identities();

        assertThat(scep("not-the-challenge-" + challenge, device)).as("wrong challenge").isNull();
        assertThat(events()).isEqualTo(events);
        assertThat(identities()).isEqualTo(identities);

        assertThat(scep(challenge, device)).as("the right one, once").isNotNull();
        long afterRenewal = events();
        assertThat(scep(challenge, device)).as("the same challenge again").isNull();
        assertThat(events()).isEqualTo(afterRenewal);
        assertThat(identities()).isEqualTo(identities + 1);
    }

    @Test
    void a_device_error_is_recorded_retried_after_the_interval_and_visible_to_admins() {
        SimulatedDevice device = enrolledIphone("alice@corp.example", "Alice Example");
        String ref = refOf(device);
        clock.advance(Duration.between(clock.instant(), device.identity().certificate().getNotAfter().toInstant())
                .minus(Duration.ofDays(25)));
        renewals.run(clock.instant());
        assertThat(renewalState(ref).path("attempts").asInt()).isEqualTo(1);
        // the challenge is spent before the device can use it: its SCEP fails, it answers with an error
        jdbc.update("update scep_challenge set used_at = now() where enrollment_ref = ? and used_at is null", ref);

        assertThat(device.poll()).contains("InstallProfile");
        assertThat(device.identityRenewals()).isZero();
        JsonNode state = renewalState(ref);
        assertThat(state.path("state").asText()).isEqualTo("FAILED");
        assertThat(state.path("lastReason").asText()).contains("could not install the renewal profile");
        assertThat(find(history(ref), "IdentityRenewalFailed").path("summary").asText())
                .contains("attempt 1 failed").contains("tried again");
        assertThat(device.poll()).as("the old certificate still works").isEmpty();

        renewals.run(clock.instant());
        assertThat(renewalState(ref).path("state").asText()).as("not before the retry interval").isEqualTo("FAILED");
        clock.advance(Duration.ofDays(1));
        renewals.run(clock.instant());
        assertThat(renewalState(ref).path("state").asText()).isEqualTo("WAITING_FOR_DEVICE");
        assertThat(renewalState(ref).path("attempts").asInt()).isEqualTo(2);
        device.poll();
        assertThat(device.identityRenewals()).isEqualTo(1);
        assertThat(types(history(ref))).containsSubsequence("IdentityRenewalStarted", "IdentityRenewalFailed",
                "IdentityRenewalStarted", "IdentityCertificateRenewed", "IdentityCertificateRetired");
    }

    @Test
    void an_expired_certificate_without_renewal_is_still_refused() {
        SimulatedDevice device = enrolledIphone("bob@corp.example", "Bob Example");
        Identity current = device.identity();
        clock.advance(Duration.between(clock.instant(), current.certificate().getNotAfter().toInstant())
                .plusDays(1));
        long events = events();

        ResponseEntity<byte[]> response = toResponse(device.reportIdleSignedWith(current));

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(new String(response.getBody())).contains("not valid");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void an_admin_cannot_send_the_enrollment_profile_itself() {
        SimulatedDevice device = enrolledIphone("dana@corp.example", "Dana Example");
        String ref = refOf(device);
        clock.advance(Duration.between(clock.instant(), device.identity().certificate().getNotAfter().toInstant())
                .minus(Duration.ofDays(3)));
        renewals.run(clock.instant());
        byte[] profile = queuedProfileBytes(renewalState(ref).path("commandUuid").asText());

        ResponseEntity<JsonNode> sent = asAdmin().exchange("/api/admin/enrollments/{ref}/commands", HttpMethod.POST,
                new HttpEntity<>(java.util.Map.of("requestType", "InstallProfile", "payload",
                        java.util.Base64.getEncoder().encodeToString(profile))), JsonNode.class, ref);

        assertThat(sent.getStatusCode().value()).isEqualTo(422);
        assertThat(sent.getBody().toString()).contains("only the server's identity renewal re-sends it");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** @param account one of the built-in identity provider's demo users (password {@code <name>-demo}) */
    private SimulatedDevice enrolledIphone(String account, String name) {
        givenActiveAccount(account, name);
        SimulatedDevice device = SimulatedDevice.create(URI.create(base()),
                DeviceSpec.of(Platform.IOS, "18.2", account, account.substring(0, account.indexOf('@')) + "-demo"),
                pki.simulatedDeviceCa(), clock);
        device.enroll();
        return device;
    }

    private String refOf(SimulatedDevice device) {
        return jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.enrollmentId() + "%");
    }

    /**
     * The device's row in the admins' renewal list, or a missing node when it is not listed. (The
     * renewal job is fleet-wide: other tests' devices in this context are renewed too, so the tests
     * look at their own device's state, never at how many the job queued.)
     */
    private JsonNode renewalState(String ref) {
        JsonNode list = asAdmin().getForObject("/api/admin/identity-renewals", JsonNode.class);
        for (JsonNode row : list.path("enrollments")) {
            if (ref.equals(row.path("enrollmentRef").asText())) {
                return row;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private byte[] queuedProfileBytes(String commandUuid) {
        byte[] body = jdbc.queryForObject("select body from mdm_command_body where command_uuid = ?", byte[].class,
                commandUuid);
        NSDictionary command = (NSDictionary) ((NSDictionary) SafePlistParser.parse(body)).objectForKey("Command");
        return ((NSData) command.objectForKey("Payload")).bytes();
    }

    private NSDictionary queuedProfile(String commandUuid) {
        try {
            byte[] signed = queuedProfileBytes(commandUuid);
            byte[] plist = (byte[]) new CMSSignedData(signed).getSignedContent().getContent();
            return (NSDictionary) SafePlistParser.parse(plist);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static NSDictionary payloadOf(NSDictionary profile, String type) {
        for (NSObject payload : ((NSArray) profile.objectForKey("PayloadContent")).getArray()) {
            NSDictionary dictionary = (NSDictionary) payload;
            if (type.equals(dictionary.objectForKey("PayloadType").toJavaObject())) {
                return dictionary;
            }
        }
        throw new AssertionError("no " + type + " payload");
    }

    private static NSDictionary mdmPayloadOf(NSDictionary profile) {
        return payloadOf(profile, "com.apple.mdm");
    }

    private static String challengeOf(NSDictionary profile) {
        return ((NSDictionary) payloadOf(profile, "com.apple.security.scep").objectForKey("PayloadContent"))
                .objectForKey("Challenge").toJavaObject().toString();
    }

    /** SCEP as the device runs it from the renewal profile; @return the new identity, or null on FAILURE. */
    private Identity scep(String challenge, SimulatedDevice device) throws Exception {
        X509Certificate ca = pki.deviceIdentityCa().certificate();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        // the subject the profile names, which the enrollment's certificates carry
        X500Name subject = X500Name.getInstance(device.identity().certificate().getSubjectX500Principal().getEncoded());
        ScepClientMessages.Request request = ScepClientMessages.pkcsReq(keys, subject, challenge, ca, maker);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-pki-message"));
        ResponseEntity<byte[]> response = http.exchange(base() + "/mdm/scep?operation=PKIOperation", HttpMethod.POST,
                new HttpEntity<>(request.message(), headers), byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        ScepClientMessages.Reply reply = ScepClientMessages.readCertRep(response.getBody(), request, ca);
        return reply.isSuccess() ? new Identity(keys.getPrivate(), List.of(reply.certificate(), ca)) : null;
    }

    private List<JsonNode> history(String ref) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode page = asCompliance().getForObject("/api/enrollments/{ref}/history?size=500&order=asc",
                    JsonNode.class, ref);
            long stored = jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                    Long.class, ref);
            return page.path("items").size() == stored;
        });
        JsonNode page = asCompliance().getForObject("/api/enrollments/{ref}/history?size=500&order=asc",
                JsonNode.class, ref);
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private static List<String> types(List<JsonNode> history) {
        return history.stream().map(e -> e.path("eventType").asText()).toList();
    }

    private static JsonNode find(List<JsonNode> history, String type) {
        return history.stream().filter(e -> type.equals(e.path("eventType").asText())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + type + " in " + types(history)));
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domainevententry", Long.class);
    }

    private long identities() {
        return jdbc.queryForObject("select count(*) from device_identity", Long.class);
    }

    private static ResponseEntity<byte[]> toResponse(java.net.http.HttpResponse<byte[]> response) {
        return ResponseEntity.status(response.statusCode()).body(response.body());
    }
}
