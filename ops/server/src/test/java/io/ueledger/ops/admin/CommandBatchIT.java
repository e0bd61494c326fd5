package io.ueledger.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ueledger.ops.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Group commands: each selected device gets its own policy decision, and progress follows the devices' answers. */
class CommandBatchIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @SuppressWarnings("unchecked")
    private Map<String, Object> progress(String batchId) {
        return asAdmin().getForObject("/api/admin/command-batches/{id}", Map.class, batchId);
    }

    @SuppressWarnings("unchecked")
    private long registered(String account) {
        Map<String, Object> page = asAdmin().getForObject("/api/enrollments?account={a}&stage=ENROLLED", Map.class,
                account);
        return ((Number) page.get("total")).longValue();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void an_inventory_for_an_account_is_narrowed_on_iphones_refused_on_the_mac_and_followed_to_the_answers() {
        String account = "batch-" + UUID.randomUUID() + "@corp.example";
        EnrolledTestDevice phone1 = EnrolledTestDevice.iPhone(commands, http, account);
        EnrolledTestDevice phone2 = EnrolledTestDevice.iPhone(commands, http, account);
        EnrolledTestDevice mac = EnrolledTestDevice.mac(commands, http, account, "15.1");
        await().atMost(Duration.ofSeconds(20)).until(() -> registered(account) == 3);

        ResponseEntity<Map> started = asAdmin().postForEntity("/api/admin/command-batches", Map.of(
                "selector", Map.of("account", account),
                "command", Map.of("requestType", "InstalledApplicationList", "arguments", Map.of())), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String batchId = (String) started.getBody().get("batchId");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(progress(batchId))
                .containsEntry("state", "DONE").containsEntry("total", 3).containsEntry("queued", 2)
                .containsEntry("refused", 1).containsEntry("failedToQueue", 0).containsEntry("outstanding", 2));
        assertThat(jdbc.queryForObject("select rule from mdm_command_batch_item where batch_id = ? and enrollment_ref = ?",
                String.class, batchId, mac.ref)).isEqualTo("ue.cannot.personal-app-inventory");
        assertThat(jdbc.queryForList("select payloadtype from domainevententry where aggregateidentifier = ?",
                String.class, mac.ref)).anyMatch(t -> t.endsWith("MdmCommandRefused"));

        String uuid = jdbc.queryForObject("select command_uuid from mdm_command_batch_item where batch_id = ? and "
                + "enrollment_ref = ?", String.class, batchId, phone1.ref);
        phone1.receiveAndAcknowledge(uuid, Map.of("InstalledApplicationList", List.of()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(progress(batchId))
                .containsEntry("acknowledged", 1).containsEntry("outstanding", 1).containsEntry("failed", 0));
        assertThat((Object) phone2.idle()).as("the second iPhone has its own command waiting").isNotNull();
    }

    @Test
    @SuppressWarnings("rawtypes")
    void a_batch_without_a_selector_or_with_a_bad_one_is_refused() {
        ResponseEntity<Map> empty = asAdmin().postForEntity("/api/admin/command-batches", Map.of(
                "selector", Map.of(), "command", Map.of("requestType", "ProfileList")), Map.class);
        assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) empty.getBody().get("detail")).contains("selector");
        ResponseEntity<Map> badPlatform = asAdmin().postForEntity("/api/admin/command-batches", Map.of(
                "selector", Map.of("platform", "tvOS"), "command", Map.of("requestType", "ProfileList")), Map.class);
        assertThat(badPlatform.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(asAdmin().getForEntity("/api/admin/command-batches/{id}", Map.class, "nope").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(asCompliance().postForEntity("/api/admin/command-batches", Map.of(), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
