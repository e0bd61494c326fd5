package io.ueledger.ops.admin;

import static io.ueledger.ops.admin.TestProfiles.base64;
import static io.ueledger.ops.admin.TestProfiles.passcode;
import static io.ueledger.ops.admin.TestProfiles.payload;
import static io.ueledger.ops.admin.TestProfiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import io.ueledger.kernel.unenrollment.CheckOutDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The admin MDM command API over HTTP, against devices enrolled through the real check-in
 * protocol: what the User Enrollment policy lets through, narrows or refuses, what reaches the
 * device, and what the ledger and the device history show afterwards.
 */
class AdminMdmCommandIT extends IntegrationTest {

    private static final String MAIL_APP = "com.corp.mail";

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    private EnrolledTestDevice iPhone() {
        return EnrolledTestDevice.iPhone(commands, http, "alice@corp.example");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ResponseEntity<Map<String, Object>> send(TestRestTemplate as, String ref, Map<String, Object> body) {
        ResponseEntity response = as.postForEntity("/api/admin/enrollments/{ref}/commands", body, Map.class, ref);
        return response;
    }

    private ResponseEntity<Map<String, Object>> send(String ref, Map<String, Object> body) {
        return send(asAdmin(), ref, body);
    }

    private static Map<String, Object> command(String requestType, Map<String, Object> arguments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestType", requestType);
        body.put("arguments", arguments);
        return body;
    }

    private static Map<String, Object> installProfile(byte[] profile) {
        Map<String, Object> body = command("InstallProfile", Map.of());
        body.put("payload", base64(profile));
        return body;
    }

    private List<String> eventTypes(String ref) {
        return jdbc.queryForList("select payloadtype from domainevententry where aggregateidentifier = ? "
                + "order by sequencenumber", String.class, ref).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    private String lastPayload(String ref, String eventType) {
        List<String> payloads = jdbc.queryForList("select convert_from(payload, 'UTF8') from domainevententry where "
                + "aggregateidentifier = ? and payloadtype like ? order by sequencenumber desc", String.class, ref,
                "%." + eventType);
        assertThat(payloads).as("a %s event", eventType).isNotEmpty();
        return payloads.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> history(String ref) {
        Map<String, Object> page = asCompliance().getForObject("/api/enrollments/{ref}/history?size=500", Map.class,
                ref);
        return page == null ? List.of() : (List<Map<String, Object>>) page.get("items");
    }

    private void awaitHistoryShows(String ref, String eventType, String summaryPart) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(history(ref))
                .anySatisfy(entry -> {
                    assertThat(entry.get("eventType")).asString().endsWith(eventType);
                    assertThat(entry.get("summary")).asString().contains(summaryPart);
                }));
    }

    private String accepted(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode()).as("answer %s", response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return (String) response.getBody().get("commandUuid");
    }

    private void refused(ResponseEntity<Map<String, Object>> response, String rule) {
        assertThat(response.getStatusCode()).as("answer %s", response.getBody())
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody()).containsEntry("rule", rule).containsEntry("recorded", true)
                .containsKeys("source", "reason", "matrixVersion", "detail");
        assertThat((String) response.getBody().get("matrixVersion")).startsWith("ue-");
    }

    private void installManagedApp(EnrolledTestDevice device) {
        String uuid = accepted(send(device.ref, command("InstallApplication",
                Map.of("Identifier", MAIL_APP, "iTunesStoreID", 123456789))));
        device.receiveAndAcknowledge(uuid, Map.of());
    }

    // ---- profiles -----------------------------------------------------------------------------

    @Test
    void a_signed_passcode_profile_is_installed_and_then_removed_again() {
        EnrolledTestDevice device = iPhone();
        String profileId = "com.corp.passcode-profile." + UUID.randomUUID();
        byte[] signedProfile = TestProfiles.signed(profile(profileId, List.of(passcode(6, false))));

        ResponseEntity<Map<String, Object>> response = send(device.ref, installProfile(signedProfile));
        String install = accepted(response);
        assertThat(response.getBody()).containsEntry("verdict", "ALLOWED");
        NSDictionary delivered = device.receiveAndAcknowledge(install, Map.of());
        NSDictionary sent = (NSDictionary) delivered.objectForKey("Command");
        assertThat(sent.objectForKey("RequestType").toJavaObject()).isEqualTo("InstallProfile");
        assertThat(((NSData) sent.objectForKey("Payload")).bytes()).as("the device gets the signed file as uploaded")
                .isEqualTo(signedProfile);
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandAcknowledged", "ProfileInstalled");
        assertThat(lastPayload(device.ref, "MdmCommandQueued")).contains("\"requestedBy\":\"admin\"")
                .contains("INSTALLS_PROFILE").contains(profileId);

        String remove = accepted(send(device.ref, command("RemoveProfile", Map.of("Identifier", profileId))));
        device.receiveAndAcknowledge(remove, Map.of());
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandAcknowledged", "ProfileRemoved");
        awaitHistoryShows(device.ref, "ProfileRemoved", profileId);
    }

    @Test
    void removing_a_profile_this_mdm_did_not_install_is_refused_and_recorded() {
        EnrolledTestDevice device = iPhone();
        refused(send(device.ref, command("RemoveProfile", Map.of("Identifier", "com.user.own-vpn"))),
                "ue.profile.not-installed-by-mdm");
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandRefused").doesNotContain("MdmCommandQueued");
        assertThat((Object) device.idle()).as("nothing was queued").isNull();
    }

    @Test
    void a_complex_passcode_is_refused_recorded_and_shown_in_the_device_history() {
        EnrolledTestDevice device = iPhone();
        byte[] complex = profile("com.corp.strict." + UUID.randomUUID(), List.of(passcode(8, true)));

        ResponseEntity<Map<String, Object>> response = send(device.ref, installProfile(complex));
        refused(response, "ue.passcode.too-complex");
        assertThat((String) response.getBody().get("detail")).contains("six");
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandRefused").doesNotContain("MdmCommandQueued");
        assertThat(lastPayload(device.ref, "MdmCommandRefused")).contains("ue.passcode.too-complex")
                .contains("\"requestedBy\":\"admin\"");
        awaitHistoryShows(device.ref, "MdmCommandRefused", "ue.passcode.too-complex");
    }

    // ---- apps and per-app networking ----------------------------------------------------------

    @Test
    void a_managed_app_installed_on_an_iphone_is_recorded_once_acknowledged() {
        EnrolledTestDevice device = iPhone();
        installManagedApp(device);
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandAcknowledged", "ManagedAppInstalled");
        assertThat(lastPayload(device.ref, "ManagedAppInstalled")).contains(MAIL_APP);
        awaitHistoryShows(device.ref, "ManagedAppInstalled", MAIL_APP);
    }

    @Test
    void on_a_mac_an_app_is_installed_only_as_managed() {
        EnrolledTestDevice mac = EnrolledTestDevice.mac(commands, http, "alice@corp.example", "26.0");
        refused(send(mac.ref, command("InstallApplication", Map.of("Identifier", MAIL_APP))),
                "ue.app.install-as-managed-required");
        String uuid = accepted(send(mac.ref, command("InstallApplication",
                Map.of("Identifier", MAIL_APP, "InstallAsManaged", true))));
        mac.receiveAndAcknowledge(uuid, Map.of());
        assertThat(eventTypes(mac.ref)).containsSubsequence("MdmCommandRefused", "MdmCommandQueued",
                "ManagedAppInstalled");
        awaitHistoryShows(mac.ref, "MdmCommandRefused", "ue.app.install-as-managed-required");
    }

    @Test
    void per_app_vpn_may_carry_a_managed_app_but_never_another_app() {
        EnrolledTestDevice device = iPhone();
        installManagedApp(device);
        Map<String, Object> vpn = payload("com.apple.vpn.managed.applayer", "com.corp.vpn." + UUID.randomUUID(),
                Map.of("VPNUUID", UUID.randomUUID().toString(), "UserDefinedName", "Corp VPN", "VPNType", "IKEv2",
                        "IKEv2", Map.of("RemoteAddress", "vpn.corp.example", "AuthenticationMethod", "None")));
        String profileId = "com.corp.vpn-profile." + UUID.randomUUID();

        Map<String, Object> toUnknownApp = installProfile(profile(profileId, List.of(vpn)));
        toUnknownApp.put("boundApps", List.of("com.personal.chat"));
        refused(send(device.ref, toUnknownApp), "ue.per-app-networking.unmanaged-app");
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandRefused");

        Map<String, Object> toManagedApp = installProfile(profile(profileId, List.of(vpn)));
        toManagedApp.put("boundApps", List.of(MAIL_APP));
        String uuid = accepted(send(device.ref, toManagedApp));
        device.receiveAndAcknowledge(uuid, Map.of());
        assertThat(lastPayload(device.ref, "ProfileInstalled")).contains("\"kind\":\"VPN\"").contains(MAIL_APP);
        awaitHistoryShows(device.ref, "MdmCommandRefused", "ue.per-app-networking.unmanaged-app");
    }

    // ---- refused and narrowed commands ---------------------------------------------------------

    @Test
    void erase_device_is_refused_recorded_and_never_sent() {
        EnrolledTestDevice device = iPhone();
        refused(send(device.ref, command("EraseDevice", Map.of())), "ue.cannot.remote-wipe");
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandRefused");
        assertThat((Object) device.idle()).isNull();
        awaitHistoryShows(device.ref, "MdmCommandRefused", "EraseDevice");
    }

    @Test
    void the_app_inventory_of_a_mac_is_refused() {
        EnrolledTestDevice mac = EnrolledTestDevice.mac(commands, http, "alice@corp.example", "15.1");
        refused(send(mac.ref, command("InstalledApplicationList", Map.of())), "ue.cannot.personal-app-inventory");
        awaitHistoryShows(mac.ref, "MdmCommandRefused", "ue.cannot.personal-app-inventory");
    }

    @Test
    void the_app_inventory_of_an_iphone_is_narrowed_to_managed_apps_and_only_those_are_recorded() {
        EnrolledTestDevice device = iPhone();
        installManagedApp(device);
        ResponseEntity<Map<String, Object>> response = send(device.ref, command("InstalledApplicationList", Map.of()));
        String uuid = accepted(response);
        assertThat(response.getBody()).containsEntry("verdict", "NARROWED")
                .containsEntry("rule", "ue.narrowed.managed-apps-only");

        NSDictionary delivered = device.receiveAndAcknowledge(uuid, Map.of("InstalledApplicationList", List.of(
                Map.of("Identifier", MAIL_APP, "Version", "42", "ShortVersion", "4.2", "Name", "Corp Mail"),
                Map.of("Identifier", "com.personal.diary", "Version", "1", "Name", "My Diary"))));
        assertThat(((NSDictionary) delivered.objectForKey("Command")).objectForKey("ManagedAppsOnly").toJavaObject())
                .isEqualTo(true);
        String inventory = lastPayload(device.ref, "ManagedAppInventoryReported");
        assertThat(inventory).contains(MAIL_APP).contains("4.2").doesNotContain("com.personal.diary")
                .doesNotContain("My Diary");
        assertThat(lastPayload(device.ref, "MdmCommandQueued")).contains("ManagedAppsOnly=true");
        awaitHistoryShows(device.ref, "MdmCommandQueued", "narrowed");
        awaitHistoryShows(device.ref, "ManagedAppInventoryReported", "1 managed app");
    }

    // ---- bad input ----------------------------------------------------------------------------

    @Test
    void bad_requests_get_a_clear_problem_and_change_nothing() {
        EnrolledTestDevice device = iPhone();
        int before = eventTypes(device.ref).size();

        ResponseEntity<Map<String, Object>> unknownType = send(device.ref, command("MakeCoffee", Map.of()));
        assertThat(unknownType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) unknownType.getBody().get("detail")).contains("MakeCoffee");

        Map<String, Object> malformed = command("InstallProfile", Map.of());
        malformed.put("payload", base64("<plist><dict><key>oops".getBytes()));
        ResponseEntity<Map<String, Object>> malformedAnswer = send(device.ref, malformed);
        assertThat(malformedAnswer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) malformedAnswer.getBody().get("detail")).contains("property list");

        Map<String, Object> notBase64 = command("InstallProfile", Map.of());
        notBase64.put("payload", "%%% not base64 %%%");
        assertThat(send(device.ref, notBase64).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        byte[] huge = new byte[1024 * 1024 + 10];
        Arrays.fill(huge, (byte) 'a');
        Map<String, Object> oversize = command("InstallProfile", Map.of());
        oversize.put("payload", base64(huge));
        ResponseEntity<Map<String, Object>> tooLarge = send(device.ref, oversize);
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat((String) tooLarge.getBody().get("detail")).contains("1 MiB");

        Map<String, Object> nullArgument = new LinkedHashMap<>();
        nullArgument.put("Queries", null);
        assertThat(send(device.ref, command("DeviceInformation", nullArgument)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(eventTypes(device.ref)).hasSize(before);
        assertThat((Object) device.idle()).isNull();
    }

    @Test
    void a_forbidden_key_hidden_in_a_nested_dictionary_is_found_and_refused() {
        EnrolledTestDevice device = iPhone();
        Map<String, Object> wifi = payload("com.apple.wifi.managed", "com.corp.wifi." + UUID.randomUUID(),
                Map.of("SSID_STR", "corp", "EncryptionType", "WPA2",
                        "Extra", Map.of("Deeper", Map.of("ProxyServer", "proxy.corp.example"))));
        ResponseEntity<Map<String, Object>> response = send(device.ref,
                installProfile(profile("com.corp.wifi-profile." + UUID.randomUUID(), List.of(wifi))));
        refused(response, "ue.schema.forbidden-key");
        assertThat((String) response.getBody().get("detail")).contains("ProxyServer");
        assertThat(eventTypes(device.ref)).endsWith("MdmCommandRefused");
    }

    @Test
    void an_unknown_enrollment_is_not_found_and_a_closed_one_takes_no_command() {
        ResponseEntity<Map<String, Object>> unknown = send("enr-" + UUID.randomUUID(),
                command("DeviceInformation", Map.of("Queries", List.of("OSVersion"))));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).containsKey("detail");

        EnrolledTestDevice device = iPhone();
        commands.sendAndWait(new CheckOutDevice(device.ref, device.enrollmentId, Instant.now()));
        int before = eventTypes(device.ref).size();
        ResponseEntity<Map<String, Object>> closed = send(device.ref, command("EraseDevice", Map.of()));
        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) closed.getBody().get("detail")).contains("closed");
        assertThat(eventTypes(device.ref)).hasSize(before);
    }

    @Test
    void only_admins_may_send_commands() {
        EnrolledTestDevice device = iPhone();
        int before = eventTypes(device.ref).size();
        Map<String, Object> body = command("DeviceInformation", Map.of("Queries", List.of("OSVersion")));
        assertThat(send(http, device.ref, body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send(asCompliance(), device.ref, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(eventTypes(device.ref)).hasSize(before);
    }

    @Test
    void the_api_description_is_served_to_signed_in_staff_only() {
        ResponseEntity<String> docs = asCompliance().getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("/api/admin/enrollments/{ref}/commands")
                .contains("/api/admin/command-batches");
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
