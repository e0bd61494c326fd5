package io.ueledger.ops.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.mdm.MdmCommandPlist;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import io.ueledger.ops.support.TestDeviceIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

/** The check-in protocol and the command channel, spoken over HTTP with signed plists. */
class CheckInAndCommandChannelIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    MdmCommandBodies bodies;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    List<SecurityFilterChain> securityChains;

    private String ref;
    private String enrollmentId;
    private TestDeviceIdentity device;

    @BeforeEach
    void deviceWithAnIdentityCertificate() {
        ScriptedEnrollment script = ScriptedEnrollment.device(commands, "alice@corp.example", Platform.IOS,
                "iPhone17,2", "18.2");
        ref = script.ref;
        enrollmentId = UUID.randomUUID().toString().toUpperCase();
        device = TestDeviceIdentity.generate(ref);
        script.identityIssued("com.apple.mgmt.x", device.serialNumber(), device.fingerprint(), device.subject(),
                device.notAfter());
    }

    private ResponseEntity<byte[]> put(String path, String plist, TestDeviceIdentity signer) {
        byte[] body = plist.getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(path.endsWith("checkin")
                ? "application/x-apple-aspen-mdm-checkin" : "application/x-apple-aspen-mdm"));
        if (signer != null) {
            headers.set("Mdm-Signature", signer.sign(body));
        }
        return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), byte[].class);
    }

    private static String plist(Map<String, Object> entries) {
        NSDictionary dictionary = new NSDictionary();
        entries.forEach(dictionary::put);
        return dictionary.toXMLPropertyList();
    }

    private String authenticate() {
        return plist(Map.of("MessageType", "Authenticate", "Topic", "com.apple.mgmt.External.x", "EnrollmentID", enrollmentId,
                "BuildVersion", "22C161", "OSVersion", "18.2", "ProductName", "iPhone17,2"));
    }

    private String tokenUpdate() {
        return plist(Map.of("MessageType", "TokenUpdate", "Topic", "com.apple.mgmt.External.x", "EnrollmentID", enrollmentId,
                "Token", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "PushMagic", "magic-" + ref,
                "AwaitingConfiguration", false));
    }

    private String idle() {
        return plist(Map.of("EnrollmentID", enrollmentId, "Status", "Idle"));
    }

    private String result(String commandUuid, String status) {
        return plist(Map.of("EnrollmentID", enrollmentId, "Status", status, "CommandUUID", commandUuid));
    }

    private List<String> eventTypes() {
        return jdbc.queryForList("select payloadtype from domainevententry where aggregateidentifier = ? "
                + "order by sequencenumber", String.class, ref).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private String enroll() {
        assertThat(put("/mdm/checkin", authenticate(), device).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(put("/mdm/checkin", tokenUpdate(), device).getStatusCode()).isEqualTo(HttpStatus.OK);
        return ref;
    }

    private String queueProfileList() {
        String commandUuid = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> {
            bodies.store(commandUuid, ref, "ProfileList", MdmCommandPlist.build(commandUuid, "ProfileList",
                    Map.of("ManagedOnly", true)), Instant.now());
            commands.sendAndWait(new IssueMdmCommand(ref, commandUuid, "ProfileList", Channel.DEVICE,
                    ManagedContent.none(), "sha256:x", "admin", null, Instant.now()));
        });
        return commandUuid;
    }

    @Test
    void authenticate_then_token_update_enrolls_the_device() {
        enroll();
        assertThat(eventTypes()).endsWith("DeviceAuthenticated", "PushTokenUpdated", "DeviceEnrolled",
                "ManagedDataKeysCreated");
        String payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domainevententry "
                + "where aggregateidentifier = ? and payloadtype like '%PushTokenUpdated'", String.class, ref);
        assertThat(payload).doesNotContain("magic-" + ref)
                .contains(io.ueledger.command.push.PushCredentialHashes.ofPushMagic("magic-" + ref));
    }

    @Test
    void idle_gets_the_queued_command_and_an_acknowledgement_ends_the_session() throws Exception {
        enroll();
        String commandUuid = queueProfileList();

        ResponseEntity<byte[]> delivered = put("/mdm/server", idle(), device);
        assertThat(delivered.getStatusCode()).isEqualTo(HttpStatus.OK);
        NSDictionary command = (NSDictionary) PropertyListParser.parse(delivered.getBody());
        assertThat(command.objectForKey("CommandUUID").toJavaObject()).isEqualTo(commandUuid);
        assertThat(((NSDictionary) command.objectForKey("Command")).objectForKey("RequestType").toJavaObject())
                .isEqualTo("ProfileList");

        ResponseEntity<byte[]> end = put("/mdm/server", result(commandUuid, "Acknowledged"), device);
        assertThat(end.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(end.getBody()).isNull();
        assertThat(eventTypes()).endsWith("MdmCommandQueued", "MdmCommandDelivered", "MdmCommandAcknowledged");

        int before = eventTypes().size();
        assertThat(put("/mdm/server", result(commandUuid, "Acknowledged"), device).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(eventTypes()).hasSize(before);
    }

    @Test
    void not_now_requeues_the_command_for_the_next_idle() throws Exception {
        enroll();
        String commandUuid = queueProfileList();
        put("/mdm/server", idle(), device);
        ResponseEntity<byte[]> afterNotNow = put("/mdm/server", result(commandUuid, "NotNow"), device);
        assertThat(afterNotNow.getBody()).as("the device polls again by itself after NotNow").isNull();
        ResponseEntity<byte[]> again = put("/mdm/server", idle(), device);
        NSDictionary command = (NSDictionary) PropertyListParser.parse(again.getBody());
        assertThat(command.objectForKey("CommandUUID").toJavaObject()).isEqualTo(commandUuid);
        assertThat(eventTypes()).endsWith("MdmCommandDelivered", "MdmCommandDeferred", "MdmCommandDelivered");
    }

    @Test
    void device_requests_take_the_lean_device_chain_and_keep_the_security_headers() {
        MockHttpServletRequest command = new MockHttpServletRequest("PUT", "/mdm/server");
        SecurityFilterChain deviceChain = securityChains.stream().filter(chain -> chain.matches(command))
                .findFirst().orElseThrow();
        assertThat(deviceChain.getFilters()).extracting(filter -> filter.getClass().getSimpleName())
                .contains("HeaderWriterFilter")
                .doesNotContain("BasicAuthenticationFilter", "ApiTokenAuthenticationFilter", "CsrfFilter",
                        "AuthorizationFilter", "AnonymousAuthenticationFilter", "SecurityContextHolderFilter");
        MockHttpServletRequest admin = new MockHttpServletRequest("GET", "/api/admin/enrollments");
        SecurityFilterChain apiChain = securityChains.stream().filter(chain -> chain.matches(admin))
                .findFirst().orElseThrow();
        assertThat(apiChain).as("the admin API keeps its own chain").isNotSameAs(deviceChain);
        assertThat(apiChain.getFilters()).extracting(filter -> filter.getClass().getSimpleName())
                .contains("AuthorizationFilter", "BasicAuthenticationFilter");

        enroll();
        ResponseEntity<byte[]> idle = put("/mdm/server", idle(), device);
        assertThat(idle.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(idle.getHeaders().getCacheControl()).contains("no-store");
        assertThat(idle.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(idle.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(idle.getHeaders().get(HttpHeaders.SET_COOKIE)).as("no session for a device").isNull();
        // credentials a device never sends change nothing: the device is still known by its signature alone
        HttpHeaders basic = new HttpHeaders();
        basic.setBasicAuth("admin", "not-the-password");
        byte[] body = idle().getBytes(StandardCharsets.UTF_8);
        basic.set("Mdm-Signature", device.sign(body));
        assertThat(http.exchange("/mdm/server", HttpMethod.PUT, new HttpEntity<>(body, basic), byte[].class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void a_body_changed_after_signing_is_refused_without_an_event() {
        enroll();
        int before = eventTypes().size();
        byte[] signedBody = idle().getBytes(StandardCharsets.UTF_8);
        String signature = device.sign(signedBody);
        HttpHeaders headers = new HttpHeaders();
        headers.set("Mdm-Signature", signature);
        String tampered = result(UUID.randomUUID().toString(), "Acknowledged");
        ResponseEntity<String> response = http.exchange("/mdm/server", HttpMethod.PUT,
                new HttpEntity<>(tampered.getBytes(StandardCharsets.UTF_8), headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBody()).contains("does not match").doesNotContain("unrecognized");
        assertThat(eventTypes()).hasSize(before);
    }

    @Test
    void an_unsigned_request_is_refused_with_403_never_a_bare_401() {
        ResponseEntity<byte[]> response = put("/mdm/checkin", authenticate(), null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(eventTypes()).doesNotContain("DeviceAuthenticated");
    }

    @Test
    void a_certificate_this_server_never_issued_is_told_it_is_not_enrolled() {
        ResponseEntity<byte[]> response = put("/mdm/checkin", authenticate(), TestDeviceIdentity.generate("stranger"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).contains("com.apple.unrecognized.device");
    }

    @Test
    void an_xml_entity_attack_is_refused_before_parsing() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE plist [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <plist version="1.0"><dict><key>MessageType</key><string>&xxe;</string></dict></plist>""";
        ResponseEntity<byte[]> response = put("/mdm/checkin", xxe, device);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).contains("entities");
        assertThat(eventTypes()).doesNotContain("DeviceAuthenticated");
    }

    @Test
    void malformed_and_oversized_bodies_are_refused() {
        assertThat(put("/mdm/checkin", "<plist><dict><key>oops", device).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        String huge = plist(Map.of("MessageType", "Authenticate", "Padding", "x".repeat(70_000)));
        assertThat(put("/mdm/checkin", huge, device).getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(eventTypes()).doesNotContain("DeviceAuthenticated");
    }

    @Test
    void a_device_enrollment_authenticate_with_a_udid_is_refused() {
        String withUdid = plist(Map.of("MessageType", "Authenticate", "EnrollmentID", enrollmentId,
                "UDID", "00008101-000A1B2C3D4E001E", "Topic", "t"));
        assertThat(put("/mdm/checkin", withUdid, device).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(eventTypes()).doesNotContain("DeviceAuthenticated");
    }

    @Test
    void a_result_for_a_command_never_sent_is_refused_without_an_event() {
        enroll();
        int before = eventTypes().size();
        ResponseEntity<byte[]> response = put("/mdm/server", result(UUID.randomUUID().toString(), "Acknowledged"),
                device);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).contains("never sent");
        assertThat(eventTypes()).hasSize(before);
    }

    @Test
    void user_authenticate_is_refused_and_the_refusal_recorded() {
        enroll();
        String userAuthenticate = plist(Map.of("MessageType", "UserAuthenticate", "EnrollmentID", enrollmentId,
                "EnrollmentUserID", "501", "UserID", "u"));
        assertThat(put("/mdm/checkin", userAuthenticate, device).getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(eventTypes()).endsWith("CheckInMessageRefused");
    }

    @Test
    void after_check_out_the_device_is_told_it_is_no_longer_enrolled() {
        enroll();
        String checkOut = plist(Map.of("MessageType", "CheckOut", "Topic", "com.apple.mgmt.External.x",
                "EnrollmentID", enrollmentId));
        assertThat(put("/mdm/checkin", checkOut, device).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(eventTypes()).endsWith("DeviceCheckedOut", "ManagedDataKeysDestroyed", "ManagedDataRemoved",
                "EnrollmentClosed");
        ResponseEntity<byte[]> response = put("/mdm/server", idle(), device);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).contains("com.apple.unrecognized.device");
    }

    @Test
    void token_update_for_another_enrollment_id_is_refused_without_an_event() {
        enroll();
        int before = eventTypes().size();
        String foreign = plist(Map.of("MessageType", "TokenUpdate", "Topic", "com.apple.mgmt.External.x", "EnrollmentID", "SOMEONE-ELSE",
                "Token", new byte[] {9, 9}, "PushMagic", "m"));
        assertThat(put("/mdm/checkin", foreign, device).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(eventTypes()).hasSize(before);
    }
}
