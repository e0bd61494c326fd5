package io.ueledger.ops.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.mdm.MdmCommandPlist;
import io.ueledger.command.pki.ServerPki;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.ops.support.IntegrationTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A simulated device plays the whole account-driven User Enrollment against the running server,
 * over HTTP only: discovery, the signed POST and its 401, the web sign-in at the built-in identity
 * provider through its HTML forms, the callback token, the signed profile, SCEP, Authenticate and
 * TokenUpdate, a command, and CheckOut. The device's history is then read from the query API.
 */
class AccountDrivenEnrollmentIT extends IntegrationTest {

    private static final String ALICE = "alice@corp.example";

    @Autowired
    ServerPki pki;
    @Autowired
    CommandGateway commands;
    @Autowired
    MdmCommandBodies bodies;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void aliceHasAnActiveManagedAppleAccount() {
        givenActiveAccount(ALICE, "Alice Example");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"IOS, 18.2", "IPADOS, 17.5", "MACOS, 15.1", "VISIONOS, 2.1"})
    void a_device_enrolls_end_to_end_and_its_history_shows_every_stage(Platform platform, String osVersion) {
        SimulatedDevice device = SimulatedDevice.create(URI.create("http://127.0.0.1:" + PORT),
                DeviceSpec.of(platform, osVersion, ALICE, "alice-demo"), pki.simulatedDeviceCa());

        device.enroll();

        assertThat(device.isEnrolled()).isTrue();
        String ref = enrollmentOf(device);
        List<String> expected = new ArrayList<>(List.of("EnrollmentRequested", "EnrollmentChallenged",
                "UserAuthenticated", "SessionTokenIssued", "EnrollmentProfileDelivered", "IdentityCertificateIssued",
                "DeviceAuthenticated", "PushTokenUpdated", "DeviceEnrolled", "ManagedDataKeysCreated"));
        if (platform == Platform.MACOS) {
            expected.add("PushTokenUpdated"); // the user channel's own TokenUpdate
        }
        assertThat(historyTypes(ref, expected.size())).containsExactlyElementsOf(expected);

        await().atMost(Duration.ofSeconds(30)).until(() -> "ENROLLED".equals(asCompliance()
                .getForEntity("/api/enrollments/" + ref, JsonNode.class).getBody().path("stage").asText()));
        JsonNode registry = asCompliance().getForEntity("/api/enrollments/" + ref, JsonNode.class).getBody();
        assertThat(registry.path("platform").asText()).isEqualTo(platform.name());
        assertThat(registry.path("managedAppleAccount").asText()).isEqualTo(ALICE);

        String commandUuid = queue(ref, "ProfileList");
        assertThat(device.poll()).containsExactly("ProfileList");
        await().atMost(Duration.ofSeconds(30)).until(() -> historyTypes(ref, 0).contains("MdmCommandAcknowledged"));
        assertThat(commandUuid).isNotBlank();

        assertThat(device.checkOut().statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> historyTypes(ref, 0).contains("EnrollmentClosed"));
        assertThat(historyTypes(ref, 0)).endsWith("DeviceCheckedOut", "ManagedDataKeysDestroyed",
                "ManagedDataRemoved", "EnrollmentClosed");
        assertThat(device.poll()).as("a closed enrollment is told it is no longer enrolled").isEmpty();
        assertThat(device.isEnrolled()).isFalse();
    }

    private String enrollmentOf(SimulatedDevice device) {
        return jdbc.queryForObject("select aggregateidentifier from domainevententry where payloadtype like "
                + "'%DeviceAuthenticated' and convert_from(payload, 'UTF8') like ?", String.class,
                "%" + device.enrollmentId() + "%");
    }

    private String queue(String ref, String requestType) {
        String commandUuid = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> {
            bodies.store(commandUuid, ref, requestType, MdmCommandPlist.build(commandUuid, requestType, Map.of()),
                    Instant.now());
            commands.sendAndWait(new IssueMdmCommand(ref, commandUuid, requestType, Channel.DEVICE,
                    ManagedContent.none(), "sha256:x", "admin", null, Instant.now()));
        });
        return commandUuid;
    }

    /** The event types of the device's history, oldest first, once at least {@code atLeast} are projected. */
    private List<String> historyTypes(String ref, int atLeast) {
        List<String> types = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            types.clear();
            var response = asCompliance().getForEntity("/api/enrollments/" + ref + "/history?order=asc&size=100",
                    JsonNode.class);
            if (response.getStatusCode() != HttpStatus.OK) {
                return false;
            }
            response.getBody().path("items").forEach(item -> types.add(item.path("eventType").asText()));
            return types.size() >= atLeast;
        });
        return types;
    }
}
