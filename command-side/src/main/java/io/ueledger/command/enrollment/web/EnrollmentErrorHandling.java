package io.ueledger.command.enrollment.web;

import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.web.Problems;
import io.ueledger.kernel.web.ErrorHandlingOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A command the enrollment's lifecycle does not allow now answers 409 with the rule's own words,
 * and one log line. Owned by enrollment, so the shared {@code web} package needs no enrollment type.
 */
@Order(ErrorHandlingOrder.ENROLLMENT_RULES)
@RestControllerAdvice
public class EnrollmentErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentErrorHandling.class);

    @ExceptionHandler(EnrollmentRuleViolation.class)
    ProblemDetail ruleViolated(EnrollmentRuleViolation e) {
        log.info("Refused: {}", e.getMessage());
        return Problems.of(HttpStatus.CONFLICT, "Not allowed now", e.getMessage());
    }
}
