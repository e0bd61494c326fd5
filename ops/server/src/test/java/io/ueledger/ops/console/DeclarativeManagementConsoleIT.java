package io.ueledger.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.device.Platform;
import io.ueledger.ops.ddm.TestDeclarations;
import io.ueledger.ops.simulator.DeviceSpec;
import io.ueledger.ops.simulator.SimulatedDevice;
import io.ueledger.ops.support.IntegrationTest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Done for Declarative Device Management: a simulated iPhone and a simulated Mac, enrolled through
 * the real protocol by the simulator, sync a declaration set after the DeclarativeManagement
 * command, report status (the Mac reports failures), and the compliance report and the console
 * show what each device applied, failed and was refused.
 */
class DeclarativeManagementConsoleIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";
    private static final String BOB = "bob@corp.example";

    @Autowired
    ServerPki pki;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void browserInstalled() {
        Chromium.assumeInstalled();
    }

    @Test
    void a_simulated_iphone_and_mac_sync_a_set_and_report_status_that_the_report_and_console_show() throws Exception {
        givenActiveAccount(ALICE, "Alice Example");
        givenActiveAccount(BOB, "Bob Example");
        URI server = URI.create("http://127.0.0.1:" + PORT);
        SimulatedDevice iPhone = SimulatedDevice.create(server, DeviceSpec.of(Platform.IOS, "18.2", ALICE, "alice-demo"),
                pki.simulatedDeviceCa());
        SimulatedDevice mac = SimulatedDevice.create(server, DeviceSpec.of(Platform.MACOS, "15.1", BOB, "bob-demo"),
                pki.simulatedDeviceCa());
        iPhone.enroll();
        mac.enroll();
        mac.declarativeFailureRate(1.0); // every configuration the Mac gets is reported as not applied
        String phoneRef = ref(iPhone);
        String macRef = ref(mac);

        String setId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(asAdmin().exchange("/api/admin/declaration-sets/{id}", HttpMethod.PUT, new HttpEntity<>(Map.of(
                "name", "BYOD basics", "declarations", TestDeclarations.byodSet(6))), String.class, setId)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String ref : new String[] {phoneRef, macRef}) {
            assertThat(asAdmin().postForEntity("/api/admin/declaration-sets/{id}/assignments",
                    Map.of("enrollmentRef", ref), String.class, setId).getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        assertThat(iPhone.poll()).contains("DeclarativeManagement");
        assertThat(mac.poll()).contains("DeclarativeManagement");
        assertThat(iPhone.lastDeclarativeSync().fetched()).isEqualTo(8);
        assertThat(iPhone.lastDeclarativeSync().failed()).isZero();
        assertThat(mac.lastDeclarativeSync().fetched()).isEqualTo(7); // passcode settings refused for macOS
        assertThat(mac.declarative().failedDeclarations()).contains(TestDeclarations.MAIL);
        // a second sync with nothing changed fetches nothing and reports nothing new
        assertThat(iPhone.declarative().sync().changed()).isFalse();

        Map<String, JsonNode> phone = awaitLines(phoneRef, "ddm.passcode-compliance");
        assertThat(phone.get("ddm.passcode-compliance").path("verdict").asText()).isEqualTo("REPORTED_OK");
        assertThat(phone.get("ddm.declarations-failed").path("verdict").asText()).isEqualTo("REPORTED_OK");
        Map<String, JsonNode> macLines = awaitLines(macRef, "ddm.declarations-failed");
        assertThat(macLines.get("ddm.declarations-failed").path("verdict").asText()).isEqualTo("REPORTED_PROBLEM");
        assertThat(macLines.get("ddm.declarations-failed").path("evidence").asText())
                .contains("Error.ConfigurationCannotBeApplied");
        assertThat(macLines.get("ddm.declarations-refused").path("verdict").asText())
                .isEqualTo("ATTEMPTED_AND_REFUSED");
        assertThat(macLines.get("ddm.passcode-compliance").path("verdict").asText()).isEqualTo("NOT_REPORTED");

        try (Chromium browser = Chromium.signedIn(PORT, "compliance@corp.example", "compliance-demo")) {
            browser.open("/console/declarations");
            String set = browser.find("#set-" + setId).getText();
            assertThat(set).contains("BYOD basics").contains(phoneRef).contains(macRef)
                    .contains("com.apple.configuration.passcode.settings");
            browser.open("/console/devices/" + macRef + "/declarations");
            assertThat(browser.find("#declaration-table").getText()).contains(TestDeclarations.MAIL).contains("invalid");
            assertThat(browser.find("#refusal-table").getText()).contains("ddm.type.not-for-user-enrollment");
            browser.open("/console/devices/" + phoneRef + "/declarations");
            assertThat(browser.find("#status-items").getText()).contains("passcode.is-compliant");
            assertThat(browser.find("#declaration-table").getText()).doesNotContain("invalid");
            browser.screenshot("device-declarations");
        }
    }

    private Map<String, JsonNode> awaitLines(String ref, String line) {
        JsonNode report = await().atMost(Duration.ofSeconds(90)).until(() -> asCompliance().getForEntity(
                "/api/compliance/enrollments/{ref}/report", JsonNode.class, ref).getBody(), r -> {
                    if (r == null) {
                        return false;
                    }
                    for (JsonNode l : r.path("lines")) {
                        if (l.path("lineId").asText().equals(line)) {
                            return !"NOT_REPORTED".equals(l.path("verdict").asText());
                        }
                    }
                    return false;
                });
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        report.path("lines").forEach(l -> lines.put(l.path("lineId").asText(), l));
        return lines;
    }

    private String ref(SimulatedDevice device) {
        return jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.enrollmentId() + "%");
    }
}
