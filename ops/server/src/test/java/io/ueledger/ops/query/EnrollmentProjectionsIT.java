package io.ueledger.ops.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A whole enrollment lifecycle sent as real commands through Axon, stored in PostgreSQL, projected
 * by the tracking processors and read back over HTTP as the compliance officer.
 */
class EnrollmentProjectionsIT extends IntegrationTest {

    private static final Instant START = Instant.parse("2025-03-03T09:00:00Z");

    @Autowired
    CommandGateway commands;

    @Test
    void a_checked_out_enrollment_is_listed_as_closed_with_what_it_was() {
        String account = "it-" + UUID.randomUUID() + "@corp.example";
        var device = ScriptedEnrollment.iPhone(commands, START, account).enroll().installWifiProfile("admin").checkOut();

        JsonNode enrollment = awaitEnrollment(device.ref, "CLOSED");

        assertThat(enrollment.path("platform").asText()).isEqualTo("IOS");
        assertThat(enrollment.path("osVersion").asText()).isEqualTo("18.1");
        assertThat(enrollment.path("product").asText()).isEqualTo("iPhone17,2");
        // Closing destroyed the enrollment's data key: the account it was enrolled as is shredded.
        assertThat(enrollment.path("managedAppleAccount").asText()).isEqualTo("[shredded]");
        assertThat(enrollment.path("enrollmentId").asText()).isEqualTo(device.enrollmentId);
        assertThat(enrollment.path("userIdentifierDomain").asText()).isEqualTo("corp.example");
        assertThat(enrollment.path("modelFamily").asText()).isEqualTo("iPhone");
        assertThat(enrollment.path("requestedAt").asText()).isEqualTo("2025-03-03T09:00:00Z");
        // UpdatePushToken was the 7th step (minute 6): that is when the device became enrolled
        assertThat(enrollment.path("enrolledAt").asText()).isEqualTo("2025-03-03T09:06:00Z");
        assertThat(enrollment.path("closedAt").asText()).isEqualTo("2025-03-03T09:10:00Z");
        assertThat(enrollment.path("closureReason").asText()).isEqualTo("CHECKED_OUT");
        assertThat(enrollment.path("lastSequence").asLong()).isEqualTo(17);
    }

    @Test
    void the_history_tells_the_lifecycle_in_order_with_who_did_what() {
        var device = ScriptedEnrollment.iPhone(commands, START, "it-" + UUID.randomUUID() + "@corp.example")
                .enroll().installWifiProfile("admin").checkOut();

        JsonNode history = awaitHistory(device.ref, 18);

        List<String> types = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        List<Long> globalIndexes = new ArrayList<>();
        history.path("items").forEach(item -> {
            types.add(item.path("eventType").asText());
            sequences.add(item.path("sequenceNumber").asLong());
            globalIndexes.add(item.path("globalIndex").asLong(-1));
        });
        assertThat(types).containsExactly("EnrollmentRequested", "EnrollmentChallenged", "UserAuthenticated",
                "SessionTokenIssued", "EnrollmentProfileDelivered", "IdentityCertificateIssued", "DeviceAuthenticated",
                "PushTokenUpdated", "DeviceEnrolled", "ManagedDataKeysCreated", "MdmCommandQueued",
                "MdmCommandDelivered", "MdmCommandAcknowledged", "ProfileInstalled", "DeviceCheckedOut",
                "ManagedDataKeysDestroyed", "ManagedDataRemoved", "EnrollmentClosed");
        assertThat(sequences).isSorted().first().isEqualTo(0L);
        assertThat(globalIndexes).doesNotContain(-1L).isSorted().doesNotHaveDuplicates();

        JsonNode queued = history.path("items").get(10);
        assertThat(queued.path("actor").asText()).isEqualTo("admin");
        JsonNode installed = history.path("items").get(13);
        assertThat(installed.path("summary").asText())
                .isEqualTo("Profile com.example.wifi installed (command " + device.wifiCommandUuid.substring(0, 8) + "…)");
        assertThat(installed.path("actor").asText()).isEqualTo("device");
        assertThat(installed.path("occurredAt").asText()).isEqualTo("2025-03-03T09:09:00Z");
        assertThat(installed.path("payload").path("profileIdentifier").asText()).isEqualTo("com.example.wifi");
        assertThat(history.path("items").get(14).path("actor").asText()).isEqualTo("user");
    }

    @Test
    void the_history_pages_backwards_from_the_latest_event() {
        var device = ScriptedEnrollment.iPhone(commands, START, "it-" + UUID.randomUUID() + "@corp.example")
                .enroll().installWifiProfile("admin").checkOut();
        awaitHistory(device.ref, 18);

        JsonNode page = get("/api/enrollments/" + device.ref + "/history?order=desc&size=5&page=1").getBody();

        List<Long> sequences = new ArrayList<>();
        page.path("items").forEach(item -> sequences.add(item.path("sequenceNumber").asLong()));
        assertThat(sequences).containsExactly(12L, 11L, 10L, 9L, 8L);
        assertThat(page.path("total").asLong()).isEqualTo(18);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(5);
    }

    private JsonNode awaitEnrollment(String ref, String stage) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            ResponseEntity<JsonNode> response = get("/api/enrollments/" + ref);
            return response.getStatusCode() == HttpStatus.OK && stage.equals(response.getBody().path("stage").asText())
                    ? response.getBody() : null;
        }, body -> body != null);
    }

    private JsonNode awaitHistory(String ref, int events) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            ResponseEntity<JsonNode> response = get("/api/enrollments/" + ref + "/history?order=asc&size=100");
            return response.getStatusCode() == HttpStatus.OK && response.getBody().path("total").asInt() == events
                    ? response.getBody() : null;
        }, body -> body != null);
    }

    private ResponseEntity<JsonNode> get(String path) {
        return asCompliance().getForEntity(path, JsonNode.class);
    }
}
