package io.ueledger.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.ledger.AggregateHead;
import io.ueledger.kernel.ledger.HeadsTree;
import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.query.ledger.LedgerSelfCheck;
import io.ueledger.query.ledger.SelfCheckReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The aggregate heads every checkpoint commits to: published for monitors, recomputed by the
 * self-check, and filled in by V170 for leaves appended before it.
 */
class LedgerHeadsIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    LedgerSelfCheck selfCheck;

    @Test
    void the_published_heads_are_the_ones_the_checkpoint_signs_and_the_self_check_spots_altered_columns()
            throws Exception {
        List<LedgerFixture.StoredEvent> events =
                new LedgerFixture(commands, jdbc, processing, eventStore).newEnrollmentEvents();
        JsonNode checkpoint = asAdmin().postForObject("/api/ledger/checkpoints", null, JsonNode.class);
        long size = checkpoint.path("treeSize").asLong();
        String note = checkpoint.path("signedNote").asText();

        JsonNode heads = asCompliance().getForObject("/api/ledger/heads?treeSize=" + size + "&size=1000", JsonNode.class);

        assertThat(note).contains(HeadsTree.EXTENSION_TAG + " " + heads.path("count").asLong() + " "
                + heads.path("root").asText() + "\n");
        List<AggregateHead> listed = new java.util.ArrayList<>();
        heads.path("heads").forEach(h -> listed.add(new AggregateHead(h.path("aggregateId").asText(),
                h.path("lastSequence").asLong(), h.path("leafIndex").asLong())));
        assertThat(listed).hasSize((int) heads.path("count").asLong());
        assertThat(java.util.Base64.getEncoder().encodeToString(new HeadsTree(listed).commitment().root()))
                .isEqualTo(heads.path("root").asText());
        assertThat(asCompliance().getForEntity("/api/ledger/heads?treeSize=" + (size + 1000), String.class)
                .getStatusCode().value()).isEqualTo(400);

        long victim = events.get(0).leafIndex();
        String aggregate = jdbc.queryForObject("select aggregate_id from ledger_leaf where leaf_index = ?", String.class, victim);
        // altered and checked in one transaction that is rolled back, so no checkpoint ever signs the altered heads
        SelfCheckReport report = transaction.execute(status -> {
            status.setRollbackOnly();
            jdbc.update("update ledger_leaf set aggregate_id = 'someone-else' where leaf_index = ?", victim);
            return selfCheck.run();
        });

        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.problem()).contains(
                "the leaf's aggregate columns (someone-else", "disagree with its envelope (" + aggregate));
    }

    @Test
    void the_migration_reads_aggregate_and_sequence_back_from_every_stored_envelope() throws IOException {
        new LedgerFixture(commands, jdbc, processing, eventStore).newEnrollmentEvents();
        List<Map<String, Object>> written = jdbc.queryForList(
                "select leaf_index, aggregate_id, sequence_number from ledger_leaf order by leaf_index");
        assertThat(written).isNotEmpty();
        List<String> backfill = backfillStatements();
        assertThat(backfill).hasSize(3);

        List<Map<String, Object>> recovered = transaction.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("alter table ledger_leaf alter column aggregate_id drop not null,"
                    + " alter column sequence_number drop not null");
            jdbc.update("update ledger_leaf set aggregate_id = null, sequence_number = null");
            backfill.forEach(jdbc::execute);
            return jdbc.queryForList("select leaf_index, aggregate_id, sequence_number from ledger_leaf"
                    + " where leaf_index <= ? order by leaf_index", written.get(written.size() - 1).get("leaf_index"));
        });

        assertThat(recovered).isEqualTo(written);
    }

    /** CREATE FUNCTION, UPDATE and DROP FUNCTION of V170, exactly as Flyway runs them. */
    private static List<String> backfillStatements() throws IOException {
        try (InputStream in = LedgerHeadsIT.class.getResourceAsStream(
                "/db/migration/query/V170__ledger_aggregate_heads.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(sql.split(";\n")).map(String::strip)
                    .filter(s -> s.startsWith("CREATE FUNCTION") || s.startsWith("UPDATE") || s.startsWith("DROP FUNCTION"))
                    .toList();
        }
    }
}
