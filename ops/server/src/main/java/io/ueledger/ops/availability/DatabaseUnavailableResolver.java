package io.ueledger.ops.availability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a controller's lost database connection with 503, before Spring MVC's own resolvers see it.
 * They must not: a connection PostgreSQL dropped fails with "Broken pipe" or "Connection reset by peer",
 * and Spring MVC takes those words anywhere in the cause chain for an HTTP client that went away and
 * answers nothing, which the servlet container sends as an empty 200. On the command channel an empty 200
 * means "your result is stored, nothing more to do": a device was told so for a result that was never
 * written (CrashSafetyIT found it).
 */
public class DatabaseUnavailableResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (!DatabaseUnavailable.isCause(failure) || response.isCommitted()) {
            return null;
        }
        try {
            DatabaseUnavailable.answer(request, response, failure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // after Boot's DefaultErrorAttributes, which only records
    }
}
