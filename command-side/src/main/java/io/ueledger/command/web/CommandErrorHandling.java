package io.ueledger.command.web;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refusals of the write model into RFC 9457 problem answers a person can read, and logs one
 * line for each. A refused command applied no event, so nothing needs undoing.
 */
@Order(ErrorHandlingOrder.COMMAND_API)
@RestControllerAdvice
public class CommandErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(CommandErrorHandling.class);

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknown(AggregateNotFoundException e) {
        log.info("Refused, unknown id: {}", e.getAggregateIdentifier());
        return Problems.of(HttpStatus.NOT_FOUND, "Not found", "No enrollment or account with id '"
                + e.getAggregateIdentifier() + "'");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        log.info("Refused, bad input: {}", e.getMessage());
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }
}
