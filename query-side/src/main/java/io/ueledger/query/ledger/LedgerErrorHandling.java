package io.ueledger.query.ledger;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import io.ueledger.query.support.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 9457 answers for the ledger API: a readable message, one log line, nothing changed. */
// Before Boot's global ProblemDetail handler, so that a mistyped number gets a message a person reads.
@Order(ErrorHandlingOrder.LEDGER)
@RestControllerAdvice(basePackageClasses = LedgerErrorHandling.class)
class LedgerErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(LedgerErrorHandling.class);

    @ExceptionHandler(LedgerRequestRefused.class)
    ProblemDetail refused(LedgerRequestRefused e) {
        log.info("Ledger request answered {}: {}", e.status().value(), e.getMessage());
        return Problems.of(e.status(), e.title(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail notANumber(MethodArgumentTypeMismatchException e) {
        String message = "'" + e.getName() + "' must be a whole number, not '" + e.getValue() + "'";
        log.info("Ledger request answered 400: {}", message);
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad ledger request", message);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        String message = "the parameter '" + e.getParameterName() + "' is required";
        log.info("Ledger request answered 400: {}", message);
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad ledger request", message);
    }
}
