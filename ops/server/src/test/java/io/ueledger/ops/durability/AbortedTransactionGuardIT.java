package io.ueledger.ops.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ueledger.ops.support.IntegrationTest;
import io.ueledger.ops.transactions.AbortedTransactionGuard.AbortedTransaction;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL answers the COMMIT of a transaction that one of its statements aborted with ROLLBACK, and the
 * driver reports success: code that swallowed the failed statement's exception would tell a device "stored"
 * for work that was thrown away. The server's transactions (Spring's and Axon's units of work, which run on
 * the same manager) refuse such a commit instead.
 */
class AbortedTransactionGuardIT extends IntegrationTest {

    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private org.axonframework.common.transaction.TransactionManager axonTransactions;
    @Autowired
    private JdbcTemplate jdbc;

    private String table;

    @BeforeEach
    void scratchTable() {
        table = "guard_probe_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create table " + table + " (id int primary key)");
    }

    @AfterEach
    void dropScratchTable() {
        jdbc.execute("drop table if exists " + table);
    }

    @Test
    void a_transaction_whose_failed_statement_was_swallowed_is_not_reported_as_committed() {
        TransactionTemplate template = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> template.executeWithoutResult(status -> {
            jdbc.update("insert into " + table + " values (1)");
            insertSwallowingTheFailure(2, 1);
        })).isInstanceOf(AbortedTransaction.class).hasMessageContaining("nothing of it was stored");

        assertThat(rows()).as("nothing of the aborted transaction is stored").isZero();
    }

    @Test
    void an_axon_unit_of_work_with_a_swallowed_failure_fails_too() {
        assertThatThrownBy(() -> axonTransactions.executeInTransaction(() -> {
            jdbc.update("insert into " + table + " values (1)");
            insertSwallowingTheFailure(1);
        })).isInstanceOf(AbortedTransaction.class);

        assertThat(rows()).isZero();
    }

    @Test
    void a_transaction_without_failures_commits_as_before() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("insert into " + table + " values (1)");
            jdbc.update("insert into " + table + " values (2)");
        });

        assertThat(rows()).isEqualTo(2);
    }

    /** What a logging error handler does: the statement failed, the exception is dropped, the caller goes on. */
    private void insertSwallowingTheFailure(int... ids) {
        try {
            for (int id : ids) {
                jdbc.update("insert into " + table + " values (?)", id);
            }
        } catch (DuplicateKeyException swallowed) {
            // on purpose
        }
    }

    private int rows() {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
