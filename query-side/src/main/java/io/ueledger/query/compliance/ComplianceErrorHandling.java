package io.ueledger.query.compliance;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import io.ueledger.query.support.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 answers for the compliance API: a readable message, one log line, nothing changed. */
@Order(ErrorHandlingOrder.COMPLIANCE)
@RestControllerAdvice(basePackageClasses = ComplianceErrorHandling.class)
public class ComplianceErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ComplianceErrorHandling.class);

    @ExceptionHandler(UnknownComplianceSubject.class)
    ProblemDetail unknown(UnknownComplianceSubject e) {
        log.info("Compliance report answered 404: {}", e.getMessage());
        return Problems.of(HttpStatus.NOT_FOUND, "Nothing to report on", e.getMessage());
    }

    @ExceptionHandler(UnsupportedReportFormat.class)
    ProblemDetail format(UnsupportedReportFormat e) {
        log.info("Compliance report refused: {}", e.getMessage());
        return Problems.of(HttpStatus.BAD_REQUEST, "Unsupported report format", e.getMessage());
    }
}
