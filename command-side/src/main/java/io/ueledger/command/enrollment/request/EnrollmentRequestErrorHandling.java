package io.ueledger.command.enrollment.request;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused enrollment request becomes an RFC 9457 problem with the refusal's status, and one log line. */
@Order(ErrorHandlingOrder.ENROLLMENT_REQUESTS)
@RestControllerAdvice
public class EnrollmentRequestErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentRequestErrorHandling.class);

    @ExceptionHandler(EnrollmentRequestRefused.class)
    ProblemDetail refused(EnrollmentRequestRefused e) {
        log.info("Enrollment request refused ({}): {}", e.status().value(), e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle("Enrollment request refused");
        return problem;
    }

    @ExceptionHandler(io.ueledger.command.enrollment.profile.PushTopicMismatch.class)
    ProblemDetail topicMismatch(io.ueledger.command.enrollment.profile.PushTopicMismatch e) {
        log.warn("Enrollment profile not issued: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                e.getMessage());
        problem.setTitle("Enrollment profiles are suspended");
        return problem;
    }
}
