package io.ueledger.ops.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver;

/**
 * A command-channel request whose database connection PostgreSQL dropped fails with "Broken pipe" in its
 * cause chain. Spring MVC reads that as an HTTP client that went away and answers an empty 200, which a
 * device takes for "result stored". The server answers 503 instead.
 */
class DatabaseUnavailableResolverTest {

    /** What the lock statement of a command-channel request threw when PostgreSQL was killed under it. */
    private static final DataAccessResourceFailureException DROPPED_CONNECTION =
            new DataAccessResourceFailureException("PreparedStatementCallback; select ueledger_lock_aggregate(?)",
                    new SQLException("An I/O error occurred while sending to the backend.", "08006",
                            new SocketException("Broken pipe")));

    @Test
    void spring_mvc_alone_would_answer_a_dropped_database_connection_with_an_empty_200() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = new DefaultHandlerExceptionResolver().resolveException(deviceRequest(), response, null,
                DROPPED_CONNECTION);

        assertThat(handled).as("taken for a client that disconnected").isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void a_dropped_database_connection_is_answered_503_with_retry_after() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = new DatabaseUnavailableResolver().resolveException(deviceRequest(), response, null,
                DROPPED_CONNECTION);

        assertThat(handled).isNotNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(DatabaseUnavailable.RETRY_AFTER_SECONDS);
        assertThat(response.getContentAsString()).contains("database cannot be reached");
    }

    @Test
    void other_failures_are_left_to_the_other_resolvers() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = new DatabaseUnavailableResolver().resolveException(deviceRequest(), response, null,
                new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505")));

        assertThat(handled).isNull();
        assertThat(response.isCommitted()).isFalse();
    }

    private static MockHttpServletRequest deviceRequest() {
        return new MockHttpServletRequest("PUT", "/mdm/server");
    }
}
