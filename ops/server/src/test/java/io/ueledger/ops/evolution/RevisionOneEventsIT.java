package io.ueledger.ops.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.enrollment.IssueSessionToken;
import io.ueledger.ops.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events stored by an earlier revision of the code stay readable: revision-1 golden payloads are
 * inserted as raw rows, then today's projections, point-in-time fold and aggregate read them
 * through the upcaster (EnrollmentRequested 1 to 2: signerSubject became deviceCertificateSubject).
 */
class RevisionOneEventsIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    private final String ref = "golden-" + UUID.randomUUID();

    @Test
    void revision_one_events_are_read_by_todays_projections_and_aggregate() throws IOException {
        insert(0, "io.ueledger.kernel.enrollment.EnrollmentRequested", "EnrollmentRequested.v1.json");
        insert(1, "io.ueledger.kernel.enrollment.EnrollmentChallenged", "EnrollmentChallenged.v1.json");
        insert(2, "io.ueledger.kernel.enrollment.UserAuthenticated", "UserAuthenticated.v1.json");

        await().atMost(Duration.ofSeconds(30)).until(() -> history().path("total").asLong() == 3);
        JsonNode requested = history().path("items").get(0);
        assertThat(requested.path("eventType").asText()).isEqualTo("EnrollmentRequested");
        assertThat(requested.path("payload").path("deviceCertificateSubject").asText())
                .isEqualTo("CN=Apple iPhone Device CA golden");
        assertThat(requested.path("payload").has("signerSubject")).isFalse();
        JsonNode registry = asCompliance().getForEntity("/api/enrollments/" + ref, JsonNode.class).getBody();
        assertThat(registry.path("stage").asText()).isEqualTo("USER_AUTHENTICATED");
        assertThat(registry.path("product").asText()).isEqualTo("iPhone16,1");

        // the aggregate loads the old stream and decides on it: a session token after the sign-in
        Instant issued = Instant.parse("2024-06-01T08:02:00Z");
        commands.sendAndWait(new IssueSessionToken(ref, "tok-golden", "sha256:tok", issued.plusSeconds(3600), issued));

        JsonNode state = asCompliance().getForEntity("/api/enrollments/" + ref + "/state", JsonNode.class).getBody();
        assertThat(state.path("stage").asText()).isEqualTo("TOKEN_ISSUED");
        assertThat(state.path("managedAppleAccount").asText()).isEqualTo("golden@corp.example");
        ResponseEntity<JsonNode> newest = asCompliance().getForEntity("/api/enrollments/" + ref + "/state?globalIndex="
                + Long.MAX_VALUE, JsonNode.class);
        assertThat(newest.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void insert(long sequence, String type, String file) throws IOException {
        String payload = golden(file).replace("{{ref}}", ref);
        jdbc.update("""
                insert into domainevententry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                    payload, payloadRevision, payloadType, timeStamp)
                values (?, ?, 'DeviceEnrollment', ?, ?, ?, '1', ?, ?)""",
                ref, sequence, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), type, "2024-06-01T08:0" + sequence + ":00.000Z");
    }

    private JsonNode history() {
        ResponseEntity<JsonNode> answer = asCompliance().getForEntity("/api/enrollments/" + ref + "/history",
                JsonNode.class);
        return answer.getStatusCode() == HttpStatus.OK ? answer.getBody() : com.fasterxml.jackson.databind.node
                .MissingNode.getInstance();
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = RevisionOneEventsIT.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
