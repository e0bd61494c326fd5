package io.ueledger.query.export;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import io.ueledger.query.compliance.UnknownComplianceSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** RFC 9457 answers for the export API: a readable message, one log line, nothing exported. */
// Before Boot's global handler, so that a mistyped parameter gets a message a person reads.
@Order(ErrorHandlingOrder.EXPORT)
@RestControllerAdvice(basePackageClasses = ExportErrorHandling.class)
class ExportErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ExportErrorHandling.class);

    @ExceptionHandler(ExportRefused.class)
    ResponseEntity<ProblemDetail> refused(ExportRefused e) {
        return problem(e.status(), e.getMessage());
    }

    @ExceptionHandler(UnknownComplianceSubject.class)
    ResponseEntity<ProblemDetail> unknown(UnknownComplianceSubject e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' must be a whole number, not '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "the parameter '" + e.getParameterName() + "' is required");
    }

    /** Typed explicitly: the endpoints produce application/zip, which a ProblemDetail cannot be written as. */
    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        log.info("Export answered {}: {}", status.value(), detail);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status == HttpStatus.NOT_FOUND ? "Nothing to export" : "Bad export request");
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
