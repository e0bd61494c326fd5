package io.ueledger.ops.security.tokens;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer uel_...} on the API: the token's holder becomes the caller, named
 * {@code api-token:<name>} so that events and logs attribute what the script did to the token, and the use is
 * written to the token's audit trail. An unknown, expired or revoked token gets 401 at once.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenAuthenticationFilter.class);

    private final ApiTokens tokens;

    public ApiTokenAuthenticationFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header == null || !header.regionMatches(true, 0, "Bearer " + ApiTokens.PREFIX, 0, 11);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader("Authorization").substring(7).trim();
        Optional<ApiTokens.Holder> holder = tokens.authenticate(token);
        if (holder.isEmpty()) {
            log.info("{} {} from {} refused: unknown, expired or revoked API token", request.getMethod(),
                    request.getRequestURI(), request.getRemoteAddr());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"The API token is"
                    + " unknown, expired or revoked.\"}");
            return;
        }
        ApiTokens.Holder who = holder.get();
        var authentication = UsernamePasswordAuthenticationToken.authenticated("api-token:" + who.name(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + who.role())));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        tokens.recordUse(who, request.getMethod(), request.getRequestURI());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
