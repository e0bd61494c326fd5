package io.ueledger.ops.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.policy.CanCannotLine;
import io.ueledger.kernel.policy.CapabilityMatrix;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The data-separation report read by a compliance officer over HTTP after device histories
 * scripted through the real command side: for every line of the "MDM can / can't" table, one
 * history that triggers it and one that does not.
 */
class DataSeparationReportIT extends IntegrationTest {

    private static final Instant START = Instant.parse("2026-03-03T09:00:00Z");
    private static final CapabilityMatrix MATRIX = CapabilityMatrix.standard();
    /** Lines after the table's own: passcode compliance, failed and refused declarations (DDM status). */
    private static final int DECLARATIVE_STATUS_LINES = 3;

    @Autowired
    CommandGateway commands;

    @Autowired
    ObjectMapper json;

    static Stream<String> cannotLines() {
        return MATRIX.lines().stream().filter(l -> l.side() == CanCannotLine.Side.CANNOT).map(CanCannotLine::id);
    }

    static Stream<String> canLines() {
        return MATRIX.lines().stream().filter(l -> l.side() == CanCannotLine.Side.CAN).map(CanCannotLine::id);
    }

    @Test
    void a_device_nobody_managed_holds_every_cannot_line_and_uses_no_can_line() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();

        Map<String, JsonNode> lines = awaitLines(device.ref, report -> true);

        assertThat(lines).hasSize(MATRIX.lines().size() + DECLARATIVE_STATUS_LINES);
        MATRIX.lines().forEach(line -> assertThat(lines.get(line.id()).path("verdict").asText())
                .as(line.id())
                .isEqualTo(line.side() == CanCannotLine.Side.CAN ? "NOT_USED" : "HELD"));
        assertThat(lines.get("cannot.device-location").path("evidence").asText())
                .isEqualTo("No DeviceLocation was ever delivered.");
        assertThat(lines.get("cannot.device-location").path("kind").asText()).isEqualTo("cannot");
        assertThat(lines.get("cannot.device-location").path("text").asText()).isEqualTo("access device location");
        assertThat(lines.get("can.install-configure-apps").path("evidence").asText()).startsWith("Not used: no ");
    }

    @ParameterizedTest
    @MethodSource("cannotLines")
    void an_attempt_the_policy_refused_shows_on_its_cannot_line_only(String lineId) {
        CanCannotLine line = MATRIX.line(lineId).orElseThrow();
        String rule = line.relatedRuleIds().get(0);
        String requestType = line.relatedSubjects().get(0).split(" ")[0];
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        device.refused(requestType, rule, "refused for the test", "admin");

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> "ATTEMPTED_AND_REFUSED".equals(report.get(lineId).path("verdict").asText()));

        JsonNode refused = lines.get(lineId);
        assertThat(refused.path("evidence").asText())
                .contains("1 attempt refused, first on 2026-03-03 by admin")
                .contains("rule " + rule);
        assertThat(refused.path("eventIds")).hasSize(1);
        assertThat(refused.path("counts").path("refused").asLong()).isEqualTo(1);
        lines.values().stream()
                .filter(other -> other.path("kind").asText().equals("cannot"))
                .filter(other -> !other.path("lineId").asText().equals(lineId))
                .forEach(other -> assertThat(other.path("verdict").asText()).as(other.path("lineId").asText())
                        .isIn("HELD", "ATTEMPTED_AND_REFUSED"));
    }

    @ParameterizedTest
    @MethodSource("canLines")
    void a_command_the_device_carried_out_uses_its_can_line(String lineId) {
        CanCannotLine line = MATRIX.line(lineId).orElseThrow();
        String[] subject = line.relatedSubjects().stream()
                .filter(s -> !s.startsWith("InstallApplication") || !lineId.equals("can.per-app-vpn"))
                .findFirst().orElseThrow().split(" ");
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        device.carryOut(subject[0], contentFor(subject), "admin");

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> "USED".equals(report.get(lineId).path("verdict").asText()));

        JsonNode used = lines.get(lineId);
        assertThat(used.path("evidence").asText()).contains(subject[0] + " carried out by the device once, first on 2026-03-03");
        assertThat(used.path("counts").path("acknowledged").asLong()).isEqualTo(1);
        assertThat(used.path("eventIds").size()).isGreaterThanOrEqualTo(1);
        assertThat(lines.values()).noneMatch(l -> l.path("verdict").asText().equals("VIOLATED"));
    }

    @Test
    void a_wipe_delivered_around_the_policy_is_reported_as_violated() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        // Straight to the aggregate, as a bug or a tampered server would: the policy never saw it.
        device.carryOut("EraseDevice", ManagedContent.none(), "rogue-admin");

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> "VIOLATED".equals(report.get("cannot.remote-wipe").path("verdict").asText()));

        assertThat(lines.get("cannot.remote-wipe").path("evidence").asText())
                .startsWith("VIOLATED: EraseDevice delivered to the device once, first on 2026-03-03, queued by rogue-admin");
        assertThat(lines.get("cannot.device-location").path("verdict").asText()).isEqualTo("HELD");
    }

    @Test
    void a_command_queued_but_never_delivered_does_not_violate_but_is_mentioned() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        device.queue("DeviceLocation", ManagedContent.none(), null, "rogue-admin");

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> report.get("cannot.device-location").path("evidence").asText().contains("queued"));

        assertThat(lines.get("cannot.device-location").path("verdict").asText()).isEqualTo("HELD");
        assertThat(lines.get("cannot.device-location").path("evidence").asText())
                .contains("once queued but never delivered");
    }

    @Test
    void inventories_and_device_information_are_shown_as_sent_only_in_their_limited_form() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        device.carryOut("InstalledApplicationList", ManagedContent.none(), "Limited to managed apps (ManagedAppsOnly=true).",
                "admin", MdmCommandStatus.ACKNOWLEDGED);
        device.carryOut("InstalledApplicationList", ManagedContent.none(), null, "admin", MdmCommandStatus.ACKNOWLEDGED);
        device.carryOut("DeviceInformation", ManagedContent.none(), "Removed Queries.UDID.", "admin",
                MdmCommandStatus.ACKNOWLEDGED);

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> report.get("cannot.unique-identifiers").path("counts").path("delivered_limited").asLong() == 1
                        && report.get("cannot.personal-app-inventory").path("counts").path("delivered_limited").asLong() == 2);

        assertThat(lines.get("cannot.personal-app-inventory").path("verdict").asText()).isEqualTo("HELD");
        assertThat(lines.get("cannot.personal-app-inventory").path("evidence").asText())
                .contains("InstalledApplicationList only ever sent in the form the policy allows, without what this line"
                        + " forbids (2 times delivered, 1 narrowed by the policy)");
        assertThat(lines.get("cannot.unique-identifiers").path("verdict").asText()).isEqualTo("HELD");
        assertThat(lines.get("cannot.unique-identifiers").path("evidence").asText())
                .startsWith("No DeviceInformation with Queries.UDID, Queries.ProvisioningUDID, Queries.SerialNumber and")
                .contains("DeviceInformation only ever sent in the form the policy allows");
        assertThat(lines.get("can.managed-app-inventory").path("verdict").asText()).isEqualTo("USED");
        assertThat(lines.get("can.managed-app-inventory").path("counts").path("acknowledged").asLong()).isEqualTo(2);
    }

    @Test
    void a_mac_sent_an_app_list_without_the_policy_shows_the_personal_inventory_violated() {
        ScriptedEnrollment device = ScriptedEnrollment.mac(commands, START, newAccount()).enroll();
        device.carryOut("InstalledApplicationList", ManagedContent.none(), "rogue-admin");

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> "VIOLATED".equals(report.get("cannot.personal-app-inventory").path("verdict").asText()));

        assertThat(lines.get("cannot.personal-app-inventory").path("evidence").asText())
                .startsWith("VIOLATED: InstalledApplicationList delivered to the device once");
    }

    @Test
    void the_passcode_line_says_when_the_policy_was_installed_and_what_it_requires() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        device.carryOut("InstallProfile", ManagedContent.installsProfile("com.example.passcode", List.of(), List.of(),
                List.of("com.apple.mobiledevice.passwordpolicy")), "admin");

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> report.get("can.require-passcode").path("evidence").asText().contains("passcode policy"));

        assertThat(lines.get("can.require-passcode").path("verdict").asText()).isEqualTo("USED");
        assertThat(lines.get("can.require-passcode").path("evidence").asText())
                .contains("passcode policy installed on 2026-03-03 (com.example.passcode): the device requires at least"
                        + " 6 characters and forbids simple values");
        assertThat(lines.get("can.certain-restrictions").path("verdict").asText()).isEqualTo("NOT_USED");
    }

    @Test
    void a_failed_command_does_not_count_as_used() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        device.carryOut("InstallApplication", ManagedContent.installsApp("com.example.app"), null, "admin",
                MdmCommandStatus.ERROR);

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> report.get("can.install-configure-apps").path("counts").path("failed").asLong() == 1);

        assertThat(lines.get("can.install-configure-apps").path("verdict").asText()).isEqualTo("NOT_USED");
        assertThat(lines.get("can.install-configure-apps").path("evidence").asText()).contains("once failed on the device");
    }

    @Test
    void an_unenrollment_proves_managed_data_only_was_removed() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        device.carryOut("InstallProfile", ManagedContent.installsProfile("com.example.wifi", List.of(), List.of()), "admin");
        device.carryOut("InstallApplication", ManagedContent.installsApp("com.example.app"), "admin");
        device.checkOut();

        Map<String, JsonNode> lines = awaitLines(device.ref,
                report -> report.get("can.remove-managed-data").path("evidence").asText().startsWith("Unenrolled"));

        JsonNode removal = lines.get("can.remove-managed-data");
        assertThat(removal.path("verdict").asText()).isEqualTo("USED");
        assertThat(removal.path("evidence").asText()).isEqualTo("Unenrolled on 2026-03-03 (the user removed the"
                + " enrollment); keys destroyed for classes app data containers, calendar, keychain items, mail"
                + " attachments and bodies, notes, reminders; removed profiles com.example.mdm.byod, com.example.wifi,"
                + " apps com.example.app.");
        assertThat(removal.path("eventIds")).hasSize(3);
        assertThat(lines.get("cannot.personal-data-removal").path("verdict").asText()).isEqualTo("HELD");
        assertThat(lines.get("cannot.personal-data-removal").path("evidence").asText())
                .contains("unenrollment removed only what this MDM installed: profiles com.example.mdm.byod,"
                        + " com.example.wifi, apps com.example.app");
    }

    @Test
    void an_account_report_takes_all_enrollments_of_the_account_together() {
        String account = newAccount();
        ScriptedEnrollment phone = ScriptedEnrollment.iPhone(commands, START, account).enroll();
        ScriptedEnrollment mac = ScriptedEnrollment.mac(commands, START, account).enroll();
        phone.refused("DeviceLocation", "ue.cannot.device-location", "User Enrollment cannot locate", "admin");
        mac.refused("EraseDevice", "ue.cannot.remote-wipe", "User Enrollment cannot wipe", "admin2");

        JsonNode report = await().atMost(Duration.ofSeconds(20)).until(
                () -> asCompliance().getForEntity("/api/compliance/accounts/" + account.toUpperCase() + "/report",
                        JsonNode.class),
                r -> r.getStatusCode() == HttpStatus.OK && verdicts(r.getBody()).get("cannot.remote-wipe")
                        .equals("ATTEMPTED_AND_REFUSED") && verdicts(r.getBody()).get("cannot.device-location")
                        .equals("ATTEMPTED_AND_REFUSED")).getBody();

        assertThat(report.path("scope").asText()).isEqualTo("account");
        assertThat(report.path("enrollments").asInt()).isEqualTo(2);
    }

    @Test
    void the_fleet_report_covers_every_line() {
        ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll().refused("EraseDevice", "ue.cannot.remote-wipe",
                "User Enrollment cannot wipe", "admin");

        JsonNode report = await().atMost(Duration.ofSeconds(20)).until(
                () -> asAdmin().getForEntity("/api/compliance/fleet/report", JsonNode.class).getBody(),
                r -> r != null && !"HELD".equals(verdicts(r).get("cannot.remote-wipe")));

        assertThat(report.path("scope").asText()).isEqualTo("fleet");
        assertThat(report.path("lines")).hasSize(MATRIX.lines().size() + DECLARATIVE_STATUS_LINES);
        assertThat(report.path("matrixVersion").asText()).isEqualTo(MATRIX.version());
    }

    @Test
    void the_report_comes_as_csv_on_request() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, newAccount()).enroll();
        awaitLines(device.ref, report -> true);

        ResponseEntity<String> csv = asCompliance().getForEntity(
                "/api/compliance/enrollments/" + device.ref + "/report?format=csv", String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> rows = csv.getBody().lines().toList();
        assertThat(rows.get(0)).startsWith("line_id,kind,text,verdict,evidence,event_ids");
        assertThat(rows).hasSize(MATRIX.lines().size() + DECLARATIVE_STATUS_LINES + 1);
        assertThat(rows).contains("cannot.device-location,cannot,access device location,HELD,"
                + "No DeviceLocation was ever delivered.,,0,0,0,0,0");
    }

    @Test
    void unknown_subjects_and_formats_get_a_problem_the_reader_understands() {
        ResponseEntity<JsonNode> enrollment = asCompliance().getForEntity(
                "/api/compliance/enrollments/it-no-such-enrollment/report", JsonNode.class);
        assertThat(enrollment.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(enrollment.getBody().path("detail").asText())
                .isEqualTo("No enrollment with reference 'it-no-such-enrollment' is known");

        ResponseEntity<JsonNode> account = asCompliance().getForEntity(
                "/api/compliance/accounts/nobody-" + UUID.randomUUID() + "@corp.example/report", JsonNode.class);
        assertThat(account.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(account.getBody().path("detail").asText()).startsWith("No enrollment of the Managed Apple Account");

        ResponseEntity<JsonNode> format = asCompliance().getForEntity("/api/compliance/fleet/report?format=pdf",
                JsonNode.class);
        assertThat(format.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(format.getBody().path("detail").asText()).isEqualTo("format 'pdf' is not offered; use json or csv");
    }

    @Test
    void only_signed_in_admins_and_compliance_officers_read_and_nobody_writes() {
        assertThat(http.getForEntity("/api/compliance/fleet/summary", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("mallory", "guess").getForEntity("/api/compliance/fleet/report", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("compliance", "wrong").getForEntity("/api/compliance/fleet/report", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(asCompliance().postForEntity("/api/compliance/fleet/report", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asCompliance().getForEntity("/api/compliance/fleet/summary", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(asAdmin().getForEntity("/api/compliance/fleet/summary", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Map<String, JsonNode> awaitLines(String ref, java.util.function.Predicate<Map<String, JsonNode>> ready) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ResponseEntity<JsonNode> answer = asCompliance().getForEntity(
                    "/api/compliance/enrollments/" + ref + "/report", JsonNode.class);
            if (answer.getStatusCode() != HttpStatus.OK) {
                return null;
            }
            Map<String, JsonNode> lines = new HashMap<>();
            answer.getBody().path("lines").forEach(line -> lines.put(line.path("lineId").asText(), line));
            return lines;
        }, lines -> lines != null && ready.test(lines));
    }

    private static Map<String, String> verdicts(JsonNode report) {
        Map<String, String> verdicts = new HashMap<>();
        report.path("lines").forEach(line -> verdicts.put(line.path("lineId").asText(), line.path("verdict").asText()));
        return verdicts;
    }

    /** The content a command of this line's first related subject would carry: a profile with that payload type, an app. */
    private static ManagedContent contentFor(String[] subject) {
        if (subject[0].equals("InstallProfile") && subject.length == 2) {
            List<String> accounts = subject[1].endsWith(".account") || subject[1].equals("com.apple.mail.managed")
                    || subject[1].equals("com.apple.google-oauth") ? List.of(subject[1]) : List.of();
            return ManagedContent.installsProfile("com.example." + UUID.randomUUID(), List.of(), accounts,
                    List.of(subject[1]));
        }
        if (subject[0].equals("InstallApplication")) {
            return ManagedContent.installsApp("com.example.app");
        }
        return ManagedContent.none();
    }

    private static String newAccount() {
        return "it-" + UUID.randomUUID() + "@corp.example";
    }
}
