package io.ueledger.ops.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandStatus;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.support.ScriptedEnrollment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fleet summary after scripted histories. The database is shared with other test classes, so
 * exact counts are asserted only for a request type and a rule no other test uses.
 */
class FleetSummaryIT extends IntegrationTest {

    private static final Instant START = Instant.parse("2026-03-03T09:00:00Z");

    @Autowired
    CommandGateway commands;

    @Test
    void commands_are_counted_once_by_where_each_one_stands_and_refusals_by_rule() {
        String type = "ItProbe" + UUID.randomUUID().toString().replace("-", "");
        String rule = "it.rule." + UUID.randomUUID();
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, account()).enroll();
        device.carryOut(type, ManagedContent.none(), "admin");
        device.carryOut(type, ManagedContent.none(), null, "admin", MdmCommandStatus.ERROR);
        device.carryOut(type, ManagedContent.none(), null, "admin", MdmCommandStatus.NOT_NOW);
        device.queue(type, ManagedContent.none(), null, "admin");
        device.deliver(true);
        device.queue(type, ManagedContent.none(), null, "admin");
        device.refused(type, rule, "first reason", "admin");
        device.refused(type, rule, "latest reason", "admin");

        JsonNode summary = awaitSummary(s -> find(s.path("refusalsByRule"), "rule", rule).isPresent()
                && find(s.path("commands"), "requestType", type).map(c -> c.path("queued").asLong() == 1).orElse(false));

        JsonNode outcome = find(summary.path("commands"), "requestType", type).orElseThrow();
        assertThat(outcome.path("acknowledged").asLong()).isEqualTo(1);
        assertThat(outcome.path("failed").asLong()).isEqualTo(1);
        assertThat(outcome.path("deferred").asLong()).isEqualTo(1);
        assertThat(outcome.path("delivered").asLong()).isEqualTo(1);
        assertThat(outcome.path("queued").asLong()).isEqualTo(1);
        assertThat(outcome.path("refused").asLong()).isEqualTo(2);
        JsonNode refusals = find(summary.path("refusalsByRule"), "rule", rule).orElseThrow();
        assertThat(refusals.path("count").asLong()).isEqualTo(2);
        assertThat(refusals.path("reason").asText()).isEqualTo("latest reason");
    }

    @Test
    void a_refusal_under_a_matrix_rule_names_its_line() {
        ScriptedEnrollment device = ScriptedEnrollment.iPhone(commands, START, account()).enroll();
        device.refused("EraseDevice", "ue.cannot.remote-wipe", "User Enrollment cannot remotely wipe", "admin");

        JsonNode summary = awaitSummary(s -> find(s.path("refusalsByRule"), "rule", "ue.cannot.remote-wipe").isPresent());

        JsonNode refusals = find(summary.path("refusalsByRule"), "rule", "ue.cannot.remote-wipe").orElseThrow();
        assertThat(refusals.path("lineId").asText()).isEqualTo("cannot.remote-wipe");
        assertThat(refusals.path("lineText").asText()).isEqualTo("MDM can't 'remotely wipe the entire device'");
    }

    @Test
    void unenrollments_are_counted_with_their_proof_and_pending_ones_listed_since_when() {
        ScriptedEnrollment leaving = ScriptedEnrollment.iPhone(commands, START, account()).enroll();
        leaving.carryOut("InstallApplication", ManagedContent.installsApp("com.example.app"), "admin");
        leaving.checkOut();
        ScriptedEnrollment pending = ScriptedEnrollment.iPhone(commands, START, account()).enroll();
        pending.requestUnenrollment("admin");

        // the summary joins the compliance view and the registry, each a processor of its own: wait for both
        JsonNode summary = awaitSummary(s -> find(s.path("pendingUnenrollments"), "enrollmentRef", pending.ref).isPresent()
                && find(s.path("unenrollments").path("recent"), "enrollmentRef", leaving.ref).isPresent()
                && find(s.path("byStage"), "key", "UNENROLLMENT_PENDING").isPresent()
                && find(s.path("byStage"), "key", "CLOSED").isPresent()
                && stageCounts(s) == s.path("enrollments").asLong());

        JsonNode waiting = find(summary.path("pendingUnenrollments"), "enrollmentRef", pending.ref).orElseThrow();
        assertThat(waiting.path("since").asText()).isEqualTo("2026-03-03T09:07:00Z");
        assertThat(waiting.path("requestedBy").asText()).isEqualTo("admin");
        assertThat(waiting.path("managedAppleAccount").asText()).isEqualTo(pending.account);
        JsonNode proof = find(summary.path("unenrollments").path("recent"), "enrollmentRef", leaving.ref).orElseThrow();
        assertThat(proof.path("closureReason").asText()).isEqualTo("CHECKED_OUT");
        assertThat(proof.path("complete").asBoolean()).isTrue();
        assertThat(proof.path("keysDestroyed")).hasSize(6);
        assertThat(proof.path("removedApps").get(0).asText()).isEqualTo("com.example.app");
        JsonNode unenrollments = summary.path("unenrollments");
        assertThat(find(unenrollments.path("byReason"), "key", "CHECKED_OUT").orElseThrow().path("count").asLong())
                .isPositive();
        assertThat(unenrollments.path("withKeysDestroyed").asLong()).isPositive()
                .isLessThanOrEqualTo(unenrollments.path("total").asLong());
        assertThat(find(summary.path("byStage"), "key", "UNENROLLMENT_PENDING")).isPresent();
        assertThat(find(summary.path("byStage"), "key", "CLOSED")).isPresent();
        assertThat(find(summary.path("byPlatform"), "key", "IOS").orElseThrow().path("count").asLong())
                .isGreaterThanOrEqualTo(2);
        assertThat(find(summary.path("byOsVersion"), "key", "IOS 18.1")).isPresent();
        assertThat(stageCounts(summary)).isEqualTo(summary.path("enrollments").asLong());
    }

    private static long stageCounts(JsonNode summary) {
        return StreamSupport.stream(summary.path("byStage").spliterator(), false)
                .mapToLong(c -> c.path("count").asLong()).sum();
    }

    private JsonNode awaitSummary(java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> asCompliance().getForEntity("/api/compliance/fleet/summary", JsonNode.class).getBody(),
                        s -> s != null && ready.test(s));
    }

    private static Optional<JsonNode> find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(item -> value.equals(item.path(field).asText()))
                .findFirst();
    }

    private static String account() {
        return "it-" + UUID.randomUUID() + "@corp.example";
    }
}
