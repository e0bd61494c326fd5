package io.ueledger.ops.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.ops.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leaves appended before V170 get their aggregate id and sequence number from their stored
 * envelope. The migration's own statements are run again on leaves whose columns were cleared (in
 * a transaction rolled back afterwards) and must give back what the appender wrote.
 */
class LedgerHeadsBackfillIT extends IntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void the_migration_reads_aggregate_and_sequence_back_from_every_stored_envelope() throws IOException {
        new LedgerFixture(commands, jdbc).newEnrollmentEvents();
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
        try (InputStream in = LedgerHeadsBackfillIT.class.getResourceAsStream(
                "/db/migration/query/V170__ledger_aggregate_heads.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(sql.split(";\n")).map(String::strip)
                    .filter(s -> s.startsWith("CREATE FUNCTION") || s.startsWith("UPDATE") || s.startsWith("DROP FUNCTION"))
                    .toList();
        }
    }
}
