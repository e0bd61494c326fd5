package io.ueledger.ops.availability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * "The database cannot be reached": how to recognise it in a failure, and the 503 Service Unavailable with
 * Retry-After that answers it. Devices and scripts retry a 503; a 500 with a stack trace would read as a
 * server bug, and nothing was stored, so retrying is safe.
 */
final class DatabaseUnavailable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    static final String RETRY_AFTER_SECONDS = "5";
    /** HikariCP's answer on a connection it has already closed because it broke (it sets no SQLState). */
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseUnavailable() {
    }

    /**
     * True when the failure is a lost or refused database connection rather than a bug or a bad request. A
     * transaction whose statement lost its connection fails a second time when it rolls back on the closed
     * connection; Spring then throws the rollback failure and keeps the first one aside as the "application
     * exception", outside the cause chain, so both are followed.
     */
    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && isCause(tx.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())
                    && sql.getSQLState() == null) {
                // a statement after the pool evicted this transaction's broken connection: no SQLState is given
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Writes the 503 (whatever was buffered is dropped) and logs why. */
    static void answer(HttpServletRequest request, HttpServletResponse response, Throwable failure)
            throws IOException {
        log.warn("{} {} answered 503: the database cannot be reached ({})", request.getMethod(),
                request.getRequestURI(), rootMessage(failure));
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"The ledger's database cannot be reached right now. "
                + "Try again in a few seconds.\"}");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
