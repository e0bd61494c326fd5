package io.ueledger.ops.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/**
 * A "Broken pipe" that is not the HTTP client's own connection (an outbound call of the server) must not be
 * answered as Spring MVC answers a client that went away, with an empty 200 a device takes for success.
 */
class ServerSideBrokenConnectionResolverTest {

    private final ServerSideBrokenConnectionResolver resolver = new ServerSideBrokenConnectionResolver();

    @Test
    void a_broken_connection_of_the_server_s_own_is_a_500() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = resolver.resolveException(deviceRequest(), response, null,
                new UncheckedIOException("push failed", new SocketException("Broken pipe")));

        assertThat(handled).isNotNull();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString()).contains("nothing of it was confirmed");
    }

    @Test
    void an_http_client_that_went_away_is_left_to_spring() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = resolver.resolveException(deviceRequest(), response, null,
                new ClientAbortException(new IOException("Broken pipe")));

        assertThat(handled).isNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.isCommitted()).isFalse();
    }

    @Test
    void ordinary_failures_are_left_to_the_other_resolvers() {
        ModelAndView handled = resolver.resolveException(deviceRequest(), new MockHttpServletResponse(), null,
                new IllegalStateException("a bug"));

        assertThat(handled).isNull();
    }

    private static MockHttpServletRequest deviceRequest() {
        return new MockHttpServletRequest("PUT", "/mdm/server");
    }
}
