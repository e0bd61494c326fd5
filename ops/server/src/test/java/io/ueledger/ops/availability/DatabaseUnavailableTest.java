package io.ueledger.ops.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures a device or an admin sees as 503 "try again" rather than 500 "server bug". */
class DatabaseUnavailableTest {

    private static final SQLException IO_ERROR =
            new SQLException("An I/O error occurred while sending to the backend.", "08006");

    @Test
    void a_lost_connection_is_unavailable_however_deep_it_is_wrapped() {
        assertThat(DatabaseUnavailable.isCause(
                new IllegalStateException(new DataAccessResourceFailureException("select", IO_ERROR)))).isTrue();
        assertThat(DatabaseUnavailable.isCause(
                new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    /** Seen when PostgreSQL was killed mid-request: the rollback on the closed connection hid the I/O error. */
    @Test
    void a_failed_rollback_after_a_lost_connection_is_unavailable() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("select", IO_ERROR));

        assertThat(DatabaseUnavailable.isCause(rollbackFailed)).isTrue();
    }

    /** Seen when PostgreSQL was killed under an admin's command: Axon read on the connection the pool had closed. */
    @Test
    void a_statement_on_a_connection_the_pool_closed_is_unavailable() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new IllegalStateException("Failed to create a SQL statement",
                new SQLException("Connection is closed")));

        assertThat(DatabaseUnavailable.isCause(rollbackFailed)).isTrue();
    }

    @Test
    void a_bug_or_a_constraint_is_not_unavailable() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("cannot rollback: no transaction", "25P01"));
        rollbackFailed.initApplicationException(new IllegalStateException("a bug"));

        assertThat(DatabaseUnavailable.isCause(rollbackFailed)).isFalse();
        assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("dup",
                new SQLException("duplicate key", "23505")))).isFalse();
    }
}
