package io.ueledger.command.enrollment.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Devices POST the same CMS body to the BaseURL as application/pkcs7-signature, as xml, or (iOS 15)
 * as application/x-www-form-urlencoded. A form content type would make the servlet container and
 * Spring parse the binary body as form parameters and rebuild it re-encoded, corrupting the
 * signature. Before any other filter runs, enrollment requests are therefore presented as
 * application/octet-stream, so the body is only ever read raw.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RawEnrollmentBodyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && request.getRequestURI().startsWith("/mdm/enroll/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new OctetStreamRequest(request), response);
    }

    private static final class OctetStreamRequest extends HttpServletRequestWrapper {

        OctetStreamRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        // The container parses a form body on the first parameter lookup, whatever this wrapper says
        // the content type is; an enrollment request has no parameters, so none are ever looked up.
        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public java.util.Map<String, String[]> getParameterMap() {
            return java.util.Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                    ? Collections.enumeration(java.util.List.of(getContentType())) : super.getHeaders(name);
        }
    }
}
