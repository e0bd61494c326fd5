package io.ueledger.command.admin;

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
 * RFC 9457 answers for the admin command API, one log line each. A policy refusal is a 422 that
 * names the rule, its source, the reason and the matrix version; it is already in the ledger.
 */
@Order(ErrorHandlingOrder.ADMIN_COMMANDS)
@RestControllerAdvice(basePackageClasses = AdminCommandErrorHandling.class)
public class AdminCommandErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(AdminCommandErrorHandling.class);

    @ExceptionHandler(MdmCommandRefusal.class)
    ProblemDetail refused(MdmCommandRefusal e) {
        ProblemDetail problem = Problems.logged(log, "MDM command " + e.requestType() + " for " + e.enrollmentRef()
                + " refused by rule " + e.rule(), HttpStatus.UNPROCESSABLE_ENTITY,
                "MDM command refused by the User Enrollment policy", e.reason());
        problem.setProperty("verdict", "REFUSED");
        problem.setProperty("rule", e.rule());
        problem.setProperty("source", e.source());
        problem.setProperty("reason", e.reason());
        problem.setProperty("matrixVersion", e.matrixVersion());
        problem.setProperty("findings", e.findings());
        problem.setProperty("recorded", true);
        return problem;
    }

    @ExceptionHandler(InvalidMdmCommand.class)
    ProblemDetail invalid(InvalidMdmCommand e) {
        return Problems.logged(log, "MDM command refused, bad input", HttpStatus.BAD_REQUEST, "Not a valid MDM command",
                e.getMessage());
    }

    @ExceptionHandler(MdmPayloadTooLarge.class)
    ProblemDetail tooLarge(MdmPayloadTooLarge e) {
        return Problems.logged(log, "MDM command refused, payload too large", HttpStatus.PAYLOAD_TOO_LARGE,
                "Profile too large", e.getMessage());
    }

    @ExceptionHandler(UnknownEnrollment.class)
    ProblemDetail unknown(UnknownEnrollment e) {
        return Problems.notFound(log, "MDM command refused", e.getMessage());
    }

    @ExceptionHandler(UnknownBatch.class)
    ProblemDetail unknownBatch(UnknownBatch e) {
        return Problems.notFound(log, "Batch lookup refused", e.getMessage());
    }
}
