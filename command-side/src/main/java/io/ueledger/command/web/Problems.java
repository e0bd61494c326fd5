package io.ueledger.command.web;

import org.slf4j.Logger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem answers with a short title and a detail a person understands. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /**
     * The shape every admin API error handler shares: one log line on the handler's own logger
     * ("what was refused: why"), and the problem answer with the same words as its detail.
     */
    public static ProblemDetail logged(Logger log, String refused, HttpStatus status, String title, String detail) {
        log.info("{}: {}", refused, detail);
        return of(status, title, detail);
    }

    /** {@link #logged} for a request naming something that does not exist (404 "Not found"). */
    public static ProblemDetail notFound(Logger log, String refused, String detail) {
        return logged(log, refused, HttpStatus.NOT_FOUND, "Not found", detail);
    }
}
