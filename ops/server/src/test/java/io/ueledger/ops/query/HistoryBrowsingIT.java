package io.ueledger.ops.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Browsing history by device and fleet-wide with filters. Each test has an admin name of its own,
 * so the actor filter isolates its events from the other IT classes sharing the database.
 */
class HistoryBrowsingIT extends IntegrationTest {

    private static final Instant START = Instant.parse("2025-04-01T09:00:00Z");

    @Autowired
    CommandGateway commands;

    private final String admin = "admin-" + UUID.randomUUID() + "@corp.example";
    private ScriptedEnrollment iphone;
    private ScriptedEnrollment mac;

    /** Two devices; the admin installs Wi-Fi on both (the device acknowledges) and is refused an erase on each, an hour apart: four events by the admin. */
    @BeforeEach
    void twoDevicesWithRefusals() {
        iphone = ScriptedEnrollment.iPhone(commands, START, "h-" + UUID.randomUUID() + "@corp.example").enroll()
                .installWifiProfile(admin);
        mac = ScriptedEnrollment.mac(commands, START.plusSeconds(60), "h-" + UUID.randomUUID() + "@corp.example").enroll()
                .installWifiProfile(admin);
        MdmCommandDecision noErase = MdmCommandDecision.refuse("UE-NO-ERASE", "Apple",
                "a personal device cannot be erased");
        commands.sendAndWait(IssueMdmCommand.refusedByPolicy(iphone.ref, "EraseDevice", admin, noErase,
                START.plus(Duration.ofHours(1))));
        commands.sendAndWait(IssueMdmCommand.refusedByPolicy(mac.ref, "EraseDevice", admin, noErase,
                START.plus(Duration.ofHours(2))));
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet("?actor=" + admin).path("total").asLong() == 4);
    }

    @Test
    void the_fleet_history_filters_by_outcome_actor_and_time_newest_first_by_default() {
        JsonNode refused = fleet("?actor=" + admin + "&outcome=refused");
        assertThat(refused.path("total").asLong()).isEqualTo(2);
        assertThat(refused.path("items")).extracting(i -> i.path("enrollmentRef").asText())
                .containsExactly(mac.ref, iphone.ref);
        assertThat(refused.path("items").get(0).path("summary").asText()).contains("EraseDevice refused");

        JsonNode oldestFirst = fleet("?actor=" + admin + "&outcome=refused&order=oldest");
        assertThat(oldestFirst.path("items")).extracting(i -> i.path("enrollmentRef").asText())
                .containsExactly(iphone.ref, mac.ref);

        JsonNode firstHour = fleet("?actor=" + admin + "&type=MdmCommandRefused&from=2025-04-01T09:30:00Z"
                + "&to=2025-04-01T10:30:00Z");
        assertThat(firstHour.path("items")).extracting(i -> i.path("enrollmentRef").asText())
                .containsExactly(iphone.ref);

        JsonNode queuedOrAcknowledged = fleet("?actor=" + admin + "&type=MdmCommandQueued&outcome=acknowledged");
        assertThat(queuedOrAcknowledged.path("total").asLong()).as("the admin queued 2; acknowledgements are the device's")
                .isEqualTo(2);

        JsonNode paged = fleet("?actor=" + admin + "&size=3&page=1");
        assertThat(paged.path("items")).hasSize(1);
        assertThat(paged.path("total").asLong()).isEqualTo(4);
    }

    @Test
    void a_device_history_takes_the_same_filters_in_stream_order() {
        JsonNode acknowledged = device(iphone.ref, "?outcome=acknowledged");
        assertThat(acknowledged.path("items")).extracting(i -> i.path("eventType").asText())
                .containsExactly("MdmCommandAcknowledged");

        JsonNode newest = device(iphone.ref, "?type=MdmCommandQueued&type=MdmCommandRefused&order=desc");
        assertThat(newest.path("items")).extracting(i -> i.path("eventType").asText())
                .containsExactly("MdmCommandRefused", "MdmCommandQueued");

        JsonNode nothingThen = device(iphone.ref, "?to=2025-04-01T08:00:00Z");
        assertThat(nothingThen.path("total").asLong()).isZero();
    }

    @Test
    void bad_filters_are_refused_with_a_message() {
        ResponseEntity<JsonNode> outcome = asCompliance().getForEntity("/api/history?outcome=lost", JsonNode.class);
        ResponseEntity<JsonNode> from = asCompliance().getForEntity("/api/history?from=last-week", JsonNode.class);
        ResponseEntity<JsonNode> range = asCompliance().getForEntity(
                "/api/history?from=2025-04-02T00:00:00Z&to=2025-04-01T00:00:00Z", JsonNode.class);
        ResponseEntity<JsonNode> order = asCompliance().getForEntity("/api/history?order=random", JsonNode.class);
        ResponseEntity<JsonNode> unknown = asCompliance().getForEntity("/api/enrollments/nobody-" + UUID.randomUUID()
                + "/history?outcome=refused", JsonNode.class);

        assertThat(outcome.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(outcome.getBody().path("detail").asText()).contains("unknown outcome 'lost'").contains("refused");
        assertThat(from.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(from.getBody().path("detail").asText()).contains("'from' must be an ISO-8601 time");
        assertThat(range.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(order.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/history", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private JsonNode fleet(String query) {
        ResponseEntity<JsonNode> answer = asCompliance().getForEntity("/api/history" + query, JsonNode.class);
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private JsonNode device(String ref, String query) {
        ResponseEntity<JsonNode> answer = asCompliance().getForEntity("/api/enrollments/" + ref + "/history" + query,
                JsonNode.class);
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }
}
