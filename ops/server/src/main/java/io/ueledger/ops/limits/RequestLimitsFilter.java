package io.ueledger.ops.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what one caller can make the server hold, before authentication and before any controller:
 * a body announced larger than its endpoint accepts is refused from Content-Length without reading it; a
 * chunked body is counted while it streams and refused once it passes the limit (413 either way); and each
 * endpoint serves a bounded number of requests at once, so a flood on one (anonymous enrollment, SCEP,
 * sign-in) cannot take the threads and memory that enrolled devices' check-ins need (503 with Retry-After).
 */
public class RequestLimitsFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLimitsFilter.class);

    private final List<Limit> limits;
    private final Limit fallback;
    private final long queueWaitMillis;

    record Limit(String path, long maxBody, Semaphore slots, int concurrency, boolean buffered) {

        boolean matches(String uri) {
            return uri.startsWith(path);
        }
    }

    public RequestLimitsFilter(RequestLimitsProperties properties) {
        this.limits = properties.rules().stream()
                .map(rule -> new Limit(rule.path(), rule.maxBody().toBytes(),
                        rule.concurrency() > 0 ? new Semaphore(rule.concurrency()) : null, rule.concurrency(),
                        rule.buffered()))
                .toList();
        this.fallback = new Limit("", properties.defaultMaxBody().toBytes(), null, 0, true);
        this.queueWaitMillis = properties.queueWait().toMillis();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        Limit limit = limits.stream().filter(l -> l.matches(uri)).findFirst().orElse(fallback);
        if (request.getContentLengthLong() > limit.maxBody()) {
            refuseTooLarge(request, response, limit, request.getContentLengthLong() + " bytes announced");
            return;
        }
        if (limit.slots() != null && !acquire(limit.slots())) {
            log.warn("{} {} answered 503: all {} slots of {} busy", request.getMethod(), uri, limit.concurrency(),
                    limit.path());
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "2");
            writeProblem(response, "Service Unavailable", "This endpoint is serving as many requests as it takes at"
                    + " once (" + limit.concurrency() + "). Try again in a few seconds.");
            return;
        }
        try {
            HttpServletRequest limited = request;
            if (hasBody(request) && limit.buffered() && !isForm(request, uri)) {
                byte[] body = readAtMost(request.getInputStream(), limit.maxBody());
                if (body == null) {
                    refuseTooLarge(request, response, limit, "more than " + limit.maxBody() + " bytes sent");
                    return;
                }
                limited = new BufferedBody(request, body);
            }
            chain.doFilter(limited, response);
        } finally {
            if (limit.slots() != null) {
                limit.slots().release();
            }
        }
    }

    private boolean acquire(Semaphore slots) {
        try {
            return slots.tryAcquire(queueWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /**
     * Form posts (sign-in pages) are parsed by Tomcat from its own stream, which must stay unread here;
     * their size is bounded by server.tomcat.max-http-form-post-size and by Content-Length above. Device
     * endpoints are never forms (iOS 15 labels its enrollment body as one; see RawEnrollmentBodyFilter).
     */
    private static boolean isForm(HttpServletRequest request, String uri) {
        if (uri.startsWith("/mdm/") && !uri.startsWith("/mdm/oauth2/")) {
            return false; // device protocol: always a raw body, whatever content type a device sends
        }
        // Apple's OAuth 2 method (/mdm/oauth2/...) is plain RFC 6749: its token and sign-in requests are forms
        String type = request.getContentType();
        return type != null && (type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || type.toLowerCase(Locale.ROOT).startsWith("multipart/"));
    }

    /** The whole body when it has at most {@code max} bytes; null as soon as it has more (the rest stays unread). */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 8192));
        byte[] chunk = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(chunk)) != -1) {
            total += read;
            if (total > max) {
                return null;
            }
            out.write(chunk, 0, read);
        }
        return out.toByteArray();
    }

    private static void refuseTooLarge(HttpServletRequest request, HttpServletResponse response, Limit limit,
                                       String what) throws IOException {
        log.warn("{} {} from {} answered 413: {}; this endpoint accepts at most {} bytes", request.getMethod(),
                request.getRequestURI(), request.getRemoteAddr(), what, limit.maxBody());
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        // the rest of the body is not read: close the connection rather than drain it
        response.setHeader("Connection", "close");
        writeProblem(response, "Payload Too Large", "The request body is too large: this endpoint accepts at most "
                + limit.maxBody() + " bytes (" + what + ").");
    }

    private static void writeProblem(HttpServletResponse response, String title, String detail) throws IOException {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + response.getStatus() + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
        response.flushBuffer();
    }

    /** The request with its body already read (and counted) into memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
