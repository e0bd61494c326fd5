package io.ueledger.ops.transactions;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's JDBC transaction manager with one check before COMMIT. PostgreSQL answers the COMMIT of a
 * transaction that one of its statements aborted with "ROLLBACK", and the JDBC driver (pgjdbc 42.7) returns
 * from {@code commit()} as if it had committed. Any code that caught a failed statement's exception inside
 * a transaction and carried on (a logging event-handler error handler, a "try it and continue") would then
 * report success for work PostgreSQL threw away: a device would get 200 for a result that was never stored.
 * The driver knows the transaction failed; this refuses to commit it, so the caller sees an error and the
 * transaction is rolled back as any failed one is.
 */
public class AbortedTransactionGuard extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(AbortedTransactionGuard.class);

    public AbortedTransactionGuard(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        if (abortedByAnEarlierStatement()) {
            log.error("A transaction was about to be committed although one of its statements failed and"
                    + " PostgreSQL aborted it; refusing the commit (the failure was caught and not passed on)");
            throw new AbortedTransaction("a statement of this transaction failed, so PostgreSQL aborted it;"
                    + " nothing of it was stored");
        }
        super.doCommit(status);
    }

    private boolean abortedByAnEarlierStatement() {
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(obtainDataSource());
        if (holder == null || holder.getConnectionHandle() == null) {
            return false;
        }
        Connection connection = holder.getConnection();
        try {
            return connection.isWrapperFor(BaseConnection.class)
                    && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
        } catch (SQLException e) {
            return false; // not a pgjdbc connection: the commit itself reports what went wrong
        }
    }

    /** The commit of a transaction PostgreSQL had already aborted. */
    public static final class AbortedTransaction extends TransactionSystemException {
        AbortedTransaction(String message) {
            super(message);
        }
    }
}
