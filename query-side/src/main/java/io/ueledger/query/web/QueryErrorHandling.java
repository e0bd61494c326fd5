package io.ueledger.query.web;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import io.ueledger.query.support.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 answers for the read API: a readable message, one log line, nothing changed. */
@Order(ErrorHandlingOrder.QUERY_API)
@RestControllerAdvice(basePackageClasses = QueryErrorHandling.class)
public class QueryErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(QueryErrorHandling.class);

    @ExceptionHandler(InvalidQuery.class)
    ProblemDetail invalid(InvalidQuery e) {
        log.info("Query refused, bad parameter: {}", e.getMessage());
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad query parameter", e.getMessage());
    }

    @ExceptionHandler(UnknownEnrollment.class)
    ProblemDetail notFound(UnknownEnrollment e) {
        log.info("Query answered 404: {}", e.getMessage());
        return Problems.of(HttpStatus.NOT_FOUND, "Enrollment not found", e.getMessage());
    }
}
