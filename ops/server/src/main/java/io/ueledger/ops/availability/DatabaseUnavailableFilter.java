package io.ueledger.ops.availability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns "the database cannot be reached" into 503 Service Unavailable with Retry-After when it surfaces
 * outside Spring MVC (the security chain, the session filter). Inside MVC, {@link DatabaseUnavailableResolver}
 * answers it first.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) {
                throw e;
            }
            DatabaseUnavailable.answer(request, response, e);
        }
    }
}
