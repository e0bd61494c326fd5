package io.ueledger.ops.availability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Never lets a failure on the server's side become an empty 200. Spring MVC answers nothing when a failure's
 * cause chain says "broken pipe" or "connection reset by peer", taking it for an HTTP client that went away,
 * and the servlet container then sends an empty 200; a device reads that as success (on the command channel:
 * "result stored, nothing more to do"). When the HTTP client really went away, the container's
 * ClientAbortException (or Spring's AsyncRequestNotUsableException) is in the chain and Spring's handling
 * stands. Otherwise the connection that broke was one of the server's own (an outbound call; a lost database
 * connection is answered 503 before this, by {@link DatabaseUnavailableResolver}) and the request failed: 500.
 */
public class ServerSideBrokenConnectionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ServerSideBrokenConnectionResolver.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (response.isCommitted() || !DisconnectedClientHelper.isClientDisconnectedException(failure)
                || httpClientWentAway(failure)) {
            return null;
        }
        log.error("{} {} failed: a connection of the server's own broke; answering 500", request.getMethod(),
                request.getRequestURI(), failure);
        try {
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                    + "\"detail\":\"The request failed on the server's side; nothing of it was confirmed.\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    /** The failures that mean the caller's own connection is gone (Tomcat's, Spring's, a truncated request). */
    private static boolean httpClientWentAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AsyncRequestNotUsableException || t instanceof EOFException
                    || "ClientAbortException".equals(t.getClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2; // after DatabaseUnavailableResolver, before Spring MVC's own
    }
}
