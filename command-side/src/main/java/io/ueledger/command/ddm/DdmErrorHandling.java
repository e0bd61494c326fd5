package io.ueledger.command.ddm;

import io.ueledger.command.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ueledger.kernel.web.ErrorHandlingOrder;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 answers for the declaration-set admin API, one log line each; nothing is recorded for these. */
@RestControllerAdvice(assignableTypes = DeclarationSetController.class)
@Order(ErrorHandlingOrder.DECLARATION_SETS)
public class DdmErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(DdmErrorHandling.class);

    @ExceptionHandler(InvalidDeclaration.class)
    ProblemDetail invalid(InvalidDeclaration e) {
        return Problems.logged(log, "Declaration set refused, bad input", HttpStatus.BAD_REQUEST,
                "Not a valid declaration set", e.getMessage());
    }

    @ExceptionHandler(UnknownDeclarationSet.class)
    ProblemDetail unknown(UnknownDeclarationSet e) {
        return Problems.notFound(log, "Declaration set assignment refused", e.getMessage());
    }
}
