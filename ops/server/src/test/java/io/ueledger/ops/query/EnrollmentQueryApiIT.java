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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The enrollment list and its filters, paging and errors. Every test works on enrollments of an
 * account of its own, because all IT classes share one database.
 */
class EnrollmentQueryApiIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    private String account;
    private ScriptedEnrollment oldestIPhone;
    private ScriptedEnrollment mac;
    private ScriptedEnrollment newestIPhone;

    /** Three enrollments of one account: an enrolled iPhone, an enrolled Mac, an iPhone whose user just signed in. */
    @BeforeEach
    void threeEnrollmentsOfOneAccount() {
        account = "it-" + UUID.randomUUID() + "@corp.example";
        oldestIPhone = ScriptedEnrollment.iPhone(commands, Instant.parse("2025-04-01T08:00:00Z"), account).enroll();
        mac = ScriptedEnrollment.mac(commands, Instant.parse("2025-04-02T08:00:00Z"), account).enroll();
        newestIPhone = ScriptedEnrollment.iPhone(commands, Instant.parse("2025-04-03T08:00:00Z"), account).signIn();
        await().atMost(Duration.ofSeconds(30)).until(this::allThreeProjected);
    }

    private boolean allThreeProjected() {
        JsonNode page = list("account=" + account).getBody();
        return page.path("total").asInt() == 3
                && "ENROLLED".equals(stageOf(page, oldestIPhone.ref))
                && "ENROLLED".equals(stageOf(page, mac.ref))
                && "USER_AUTHENTICATED".equals(stageOf(page, newestIPhone.ref));
    }

    @Test
    void the_list_is_newest_first_and_says_how_many_match_in_all() {
        ResponseEntity<JsonNode> response = list("account=" + account);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(refs(response)).containsExactly(newestIPhone.ref, mac.ref, oldestIPhone.ref);
        assertThat(response.getBody().path("total").asLong()).isEqualTo(3);
        assertThat(response.getBody().path("page").asInt()).isZero();
        assertThat(response.getBody().path("size").asInt()).isEqualTo(50);
    }

    @Test
    void pages_split_the_list_without_losing_or_repeating_an_enrollment() {
        ResponseEntity<JsonNode> first = list("account=" + account + "&size=2&page=0");
        ResponseEntity<JsonNode> second = list("account=" + account + "&size=2&page=1");

        assertThat(refs(first)).containsExactly(newestIPhone.ref, mac.ref);
        assertThat(refs(second)).containsExactly(oldestIPhone.ref);
        assertThat(total(second)).isEqualTo(3);
    }

    @Test
    void filters_by_stage_platform_and_os_version_prefix() {
        assertThat(refs(list("account=" + account + "&stage=ENROLLED")))
                .containsExactly(mac.ref, oldestIPhone.ref);
        assertThat(refs(list("account=" + account + "&stage=user_authenticated")))
                .containsExactly(newestIPhone.ref);
        assertThat(refs(list("account=" + account + "&platform=macOS")))
                .containsExactly(mac.ref);
        assertThat(refs(list("account=" + account + "&platform=iOS&stage=ENROLLED")))
                .containsExactly(oldestIPhone.ref);
        assertThat(refs(list("account=" + account + "&osVersion=18")))
                .containsExactly(newestIPhone.ref, oldestIPhone.ref);
        assertThat(refs(list("account=" + account + "&osVersion=14.5")))
                .containsExactly(mac.ref);
        // whole version parts only: 1 is not a prefix of 14.5 or 18.1
        assertThat(refs(list("account=" + account + "&osVersion=1"))).isEmpty();
    }

    @Test
    void the_account_filter_ignores_case() {
        assertThat(total(list("account=" + account.toUpperCase()))).isEqualTo(3);
    }

    @Test
    void one_enrollment_is_answered_by_its_reference() {
        ResponseEntity<JsonNode> response = asAdmin().getForEntity("/api/enrollments/" + mac.ref, JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("stage").asText()).isEqualTo("ENROLLED");
        assertThat(response.getBody().path("platform").asText()).isEqualTo("MACOS");
        assertThat(response.getBody().path("enrolledAt").asText()).isEqualTo("2025-04-02T08:06:00Z");
        assertThat(response.getBody().has("closedAt")).isFalse();
    }

    @Test
    void an_unknown_reference_is_a_404_problem_for_the_enrollment_and_its_history() {
        String unknown = "no-such-" + UUID.randomUUID();

        for (String path : List.of("/api/enrollments/" + unknown, "/api/enrollments/" + unknown + "/history")) {
            ResponseEntity<JsonNode> response = asCompliance().getForEntity(path, JsonNode.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().path("detail").asText())
                    .isEqualTo("No enrollment with reference '" + unknown + "' is known");
        }
    }

    @Test
    void bad_parameters_are_a_400_problem_that_says_what_is_wrong_and_change_nothing() {
        Long rowsBefore = jdbc.queryForObject("select count(*) from enrollment_registry", Long.class);

        assertBadRequest("/api/enrollments?stage=NOPE", "unknown stage 'NOPE' (expected one of CHALLENGED,");
        assertBadRequest("/api/enrollments?platform=android",
                "unknown platform 'android' (expected iOS, iPadOS, macOS or visionOS)");
        assertBadRequest("/api/enrollments?size=501", "size must be between 1 and 500, not 501");
        assertBadRequest("/api/enrollments?page=-1", "page must be 0 or more, not -1");
        assertBadRequest("/api/enrollments?osVersion=eighteen", "'eighteen' is not a version prefix");
        assertBadRequest("/api/enrollments/" + mac.ref + "/history?order=sideways",
                "order must be asc or desc, not 'sideways'");
        assertBadRequest("/api/enrollments/" + mac.ref + "/history?size=0", "size must be between 1 and 500, not 0");

        assertThat(jdbc.queryForObject("select count(*) from enrollment_registry", Long.class)).isEqualTo(rowsBefore);
    }

    @Test
    void without_credentials_the_api_answers_401() {
        assertThat(http.getForEntity("/api/enrollments", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/api/enrollments/" + mac.ref + "/history", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("compliance", "wrong").getForEntity("/api/enrollments", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void assertBadRequest(String path, String expectedDetail) {
        ResponseEntity<JsonNode> response = asCompliance().getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("detail").asText()).as(path).contains(expectedDetail);
    }

    private ResponseEntity<JsonNode> list(String query) {
        return asCompliance().getForEntity("/api/enrollments?" + query, JsonNode.class);
    }

    private static List<String> refs(ResponseEntity<JsonNode> response) {
        List<String> refs = new ArrayList<>();
        response.getBody().path("items").forEach(item -> refs.add(item.path("enrollmentRef").asText()));
        return refs;
    }

    private static long total(ResponseEntity<JsonNode> response) {
        return response.getBody().path("total").asLong();
    }

    private static String stageOf(JsonNode page, String ref) {
        for (JsonNode item : page.path("items")) {
            if (ref.equals(item.path("enrollmentRef").asText())) {
                return item.path("stage").asText();
            }
        }
        return null;
    }
}
