package io.ueledger.ops.admin;

import static io.ueledger.ops.admin.TestProfiles.base64;
import static io.ueledger.ops.admin.TestProfiles.passcode;
import static io.ueledger.ops.admin.TestProfiles.payload;
import static io.ueledger.ops.admin.TestProfiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An admin manages a simulated iPhone end to end through the admin API while the device checks in
 * over the real protocol: a managed app, a passcode profile, a per-app VPN bound to the managed app,
 * their removal, a refused remote wipe and a narrowed app inventory, all visible in the history.
 */
class SimulatedDeviceManagementIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";
    private static final String MAIL_APP = "com.corp.mail";

    @Autowired
    ServerPki pki;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void an_admin_manages_a_simulated_iphone_and_the_history_shows_every_step() {
        givenActiveAccount(ALICE, "Alice Example");
        SimulatedDevice device = SimulatedDevice.create(URI.create("http://127.0.0.1:" + PORT),
                DeviceSpec.of(Platform.IOS, "18.2", ALICE, "alice-demo"), pki.simulatedDeviceCa());
        device.enroll();
        String ref = jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.enrollmentId() + "%");

        assertThat(send(ref, command("InstallApplication", Map.of("Identifier", MAIL_APP,
                "iTunesStoreID", 123456789))).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String passcodeProfile = "com.corp.passcode." + UUID.randomUUID();
        assertThat(send(ref, installProfile(profile(passcodeProfile, List.of(passcode(6, false))), List.of()))
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(device.poll()).containsExactly("InstallApplication", "InstallProfile");
        assertThat(device.state().managedApps()).containsKey(MAIL_APP);
        assertThat(device.state().profiles()).containsKey(passcodeProfile);

        Map<String, Object> vpn = payload("com.apple.vpn.managed.applayer", "com.corp.vpn." + UUID.randomUUID(),
                Map.of("VPNUUID", UUID.randomUUID().toString(), "UserDefinedName", "Corp VPN", "VPNType", "IKEv2",
                        "IKEv2", Map.of("RemoteAddress", "vpn.corp.example", "AuthenticationMethod", "None")));
        String vpnProfile = "com.corp.vpn-profile." + UUID.randomUUID();
        assertThat(send(ref, installProfile(profile(vpnProfile, List.of(vpn)), List.of(MAIL_APP))).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<Map<String, Object>> wipe = send(ref, command("EraseDevice", Map.of()));
        assertThat(wipe.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        ResponseEntity<Map<String, Object>> inventory = send(ref, command("InstalledApplicationList", Map.of()));
        assertThat(inventory.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(inventory.getBody().get("narrowing")).asString().isNotBlank();
        assertThat(device.poll()).containsExactly("InstallProfile", "InstalledApplicationList");

        assertThat(send(ref, command("RemoveProfile", Map.of("Identifier", passcodeProfile))).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(send(ref, command("RemoveApplication", Map.of("Identifier", MAIL_APP))).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(device.poll()).containsExactly("RemoveProfile", "RemoveApplication");
        assertThat(device.state().profiles()).containsOnlyKeys(vpnProfile);
        assertThat(device.state().managedApps()).isEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(historyTypes(ref)).contains(
                "ManagedAppInstalled", "ProfileInstalled", "MdmCommandRefused", "ManagedAppInventoryReported",
                "ProfileRemoved", "ManagedAppRemoved"));
        List<String> types = historyTypes(ref);
        assertThat(types.stream().filter("ProfileInstalled"::equals)).hasSize(2);
        assertThat(types).doesNotContain("MdmCommandFailed");
    }

    private static Map<String, Object> command(String requestType, Map<String, Object> arguments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestType", requestType);
        body.put("arguments", arguments);
        return body;
    }

    private static Map<String, Object> installProfile(byte[] profile, List<String> boundApps) {
        Map<String, Object> body = command("InstallProfile", Map.of());
        body.put("payload", base64(profile));
        body.put("boundApps", boundApps);
        return body;
    }

    private ResponseEntity<Map<String, Object>> send(String ref, Map<String, Object> body) {
        return asAdmin().exchange("/api/admin/enrollments/{ref}/commands", HttpMethod.POST, new HttpEntity<>(body),
                new ParameterizedTypeReference<>() { }, ref);
    }

    @SuppressWarnings("unchecked")
    private List<String> historyTypes(String ref) {
        Map<String, Object> page = asCompliance().getForObject("/api/enrollments/{ref}/history?size=500&order=asc",
                Map.class, ref);
        List<String> types = new ArrayList<>();
        ((List<Map<String, Object>>) page.get("items")).forEach(item -> types.add((String) item.get("eventType")));
        return types;
    }
}
