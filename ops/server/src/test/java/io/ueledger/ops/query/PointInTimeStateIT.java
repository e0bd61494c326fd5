package io.ueledger.ops.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.DeliverNextMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.RecordMdmCommandResult;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "What did this device look like then?" for a scripted device: enrolled one minute a step from
 * 09:00, given a VPN profile at 10:00, then checked out at 11:00.
 */
class PointInTimeStateIT extends IntegrationTest {

    private static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant VPN_QUEUED = START.plus(Duration.ofHours(1));

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    private ScriptedEnrollment device;
    private final String vpnCommand = UUID.randomUUID().toString();

    @BeforeEach
    void aScriptedDevice() {
        device = ScriptedEnrollment.iPhone(commands, START, "pit-" + UUID.randomUUID() + "@corp.example").enroll();
        // the VPN may only carry a managed app's traffic (the decider's inventory rule): install the app first
        String appCommand = UUID.randomUUID().toString();
        Instant appQueued = START.plus(Duration.ofMinutes(50));
        commands.sendAndWait(new IssueMdmCommand(device.ref, appCommand, "InstallApplication", Channel.DEVICE,
                ManagedContent.installsApp("com.example.mail"), "sha256:app", "admin", null, appQueued));
        commands.sendAndWait(new DeliverNextMdmCommand(device.ref, device.enrollmentId, Channel.DEVICE, false,
                appQueued.plusSeconds(10)));
        commands.sendAndWait(new RecordMdmCommandResult(device.ref, device.enrollmentId, Channel.DEVICE, appCommand,
                MdmCommandStatus.ACKNOWLEDGED, null, appQueued.plusSeconds(20)));
        PerAppNetworkSetting vpn = new PerAppNetworkSetting(PerAppNetworkSetting.Kind.VPN, "com.example.vpn.payload",
                List.of("com.example.mail"));
        commands.sendAndWait(new IssueMdmCommand(device.ref, vpnCommand, "InstallProfile", Channel.DEVICE,
                ManagedContent.installsProfile("com.example.vpn", List.of(vpn), List.of()), "sha256:vpn", "admin",
                null, VPN_QUEUED));
        commands.sendAndWait(new DeliverNextMdmCommand(device.ref, device.enrollmentId, Channel.DEVICE, false,
                VPN_QUEUED.plusSeconds(60)));
        commands.sendAndWait(new RecordMdmCommandResult(device.ref, device.enrollmentId, Channel.DEVICE, vpnCommand,
                MdmCommandStatus.ACKNOWLEDGED, null, VPN_QUEUED.plusSeconds(120)));
        commands.sendAndWait(new io.ueledger.kernel.unenrollment.CheckOutDevice(device.ref, device.enrollmentId,
                START.plus(Duration.ofHours(2))));
    }

    @Test
    void the_state_at_each_moment_of_the_device_history() {
        JsonNode signedIn = state("?at=2025-03-03T09:01:30Z");
        assertThat(signedIn.path("stage").asText()).isEqualTo("USER_AUTHENTICATED");
        assertThat(signedIn.path("managedAppleAccount").asText())
                .as("the device checked out later: its key is destroyed, so even the past reads as shredded")
                .isEqualTo("[shredded]");
        assertThat(signedIn.path("dataSeparationKeysAlive")).isEmpty();

        JsonNode enrolled = state("?at=2025-03-03T09:30:00Z");
        assertThat(enrolled.path("stage").asText()).isEqualTo("ENROLLED");
        assertThat(enrolled.path("platform").asText()).isEqualTo("IOS");
        assertThat(enrolled.path("osVersion").asText()).isEqualTo("18.1");
        assertThat(enrolled.path("enrollmentId").asText()).isEqualTo(device.enrollmentId);
        assertThat(enrolled.path("dataSeparationKeysAlive")).isNotEmpty();
        assertThat(enrolled.path("installedProfiles")).isEmpty();

        JsonNode sent = state("?at=2025-03-03T10:01:30Z");
        assertThat(sent.path("outstandingCommands")).hasSize(1);
        assertThat(sent.path("outstandingCommands").get(0).path("commandUuid").asText()).isEqualTo(vpnCommand);
        assertThat(sent.path("outstandingCommands").get(0).path("state").asText()).isEqualTo("DELIVERED");

        JsonNode installed = state("?at=2025-03-03T10:30:00Z");
        assertThat(installed.path("outstandingCommands")).isEmpty();
        assertThat(installed.path("installedProfiles")).extracting(p -> p.path("identifier").asText())
                .containsExactly("com.example.vpn");
        assertThat(installed.path("perAppNetworking").get(0).path("kind").asText()).isEqualTo("VPN");
        assertThat(installed.path("perAppNetworking").get(0).path("appBundleIds").get(0).asText())
                .isEqualTo("com.example.mail");

        JsonNode now = state("");
        assertThat(now.path("stage").asText()).isEqualTo("CLOSED");
        assertThat(now.path("closureReason").asText()).isEqualTo("CHECKED_OUT");
        assertThat(now.path("installedProfiles")).isEmpty();
        assertThat(now.path("dataSeparationKeysAlive")).isEmpty();
    }

    @Test
    void the_state_at_a_global_index_stops_at_that_event() {
        long enrolledAt = jdbc.queryForObject("""
                select globalIndex from domainevententry
                where aggregateIdentifier = ? and payloadType like '%.DeviceEnrolled'""", Long.class, device.ref);

        JsonNode state = state("?globalIndex=" + enrolledAt);

        assertThat(state.path("stage").asText()).isEqualTo("ENROLLED");
        assertThat(state.path("dataSeparationKeysAlive")).as("keys are created by the next event").isEmpty();
    }

    @Test
    void before_the_first_event_and_bad_parameters_are_answered_clearly() {
        ResponseEntity<JsonNode> before = asCompliance().getForEntity(
                "/api/enrollments/" + device.ref + "/state?at=2025-03-03T08:59:59Z", JsonNode.class);
        ResponseEntity<JsonNode> badTime = asCompliance().getForEntity(
                "/api/enrollments/" + device.ref + "/state?at=yesterday", JsonNode.class);
        ResponseEntity<JsonNode> both = asCompliance().getForEntity(
                "/api/enrollments/" + device.ref + "/state?at=2025-03-03T10:00:00Z&globalIndex=3", JsonNode.class);

        assertThat(before.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(before.getBody().path("detail").asText()).contains("had any event by 2025-03-03T08:59:59Z");
        assertThat(badTime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badTime.getBody().path("detail").asText()).contains("ISO-8601");
        assertThat(both.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/enrollments/" + device.ref + "/state", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private JsonNode state(String query) {
        ResponseEntity<JsonNode> answer = asCompliance().getForEntity("/api/enrollments/" + device.ref + "/state" + query,
                JsonNode.class);
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }
}
