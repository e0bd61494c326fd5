package io.ueledger.command.account;

import io.ueledger.command.web.Problems;
import io.ueledger.kernel.web.ErrorHandlingOrder;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 answers for the account admin API, one log line each. Every refusal here happened
 * before an event was applied (or rolled the unit of work back), so nothing changed.
 */
@Order(ErrorHandlingOrder.ACCOUNT_ADMIN)
@RestControllerAdvice(assignableTypes = AccountAdminController.class)
class AccountErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(AccountErrorHandling.class);

    @ExceptionHandler(InvalidAccountFile.class)
    ProblemDetail invalidFile(InvalidAccountFile e) {
        log.info("Account import refused: {} bad line(s), first: {}", e.problems().size(), e.problems().get(0));
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "Account file refused",
                "The file has " + e.problems().size() + " bad line(s); nothing was imported. Fix them and send "
                        + "the whole file again.");
        List<Map<String, Object>> lines = e.problems().stream()
                .map(p -> Map.<String, Object>of("line", p.line(), "reason", p.reason())).toList();
        problem.setProperty("errors", lines);
        return problem;
    }

    @ExceptionHandler(AccountFileTooLarge.class)
    ProblemDetail tooLarge(AccountFileTooLarge e) {
        log.info("Account import refused: {}", e.getMessage());
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "Account file too large", e.getMessage()
                + "; nothing was imported");
    }

    @ExceptionHandler(AccountRuleViolation.class)
    ProblemDetail conflict(AccountRuleViolation e) {
        log.info("Account change refused: {}", e.getMessage());
        return Problems.of(HttpStatus.CONFLICT, "Not allowed now", e.getMessage());
    }

    @ExceptionHandler({UnknownAccount.class, AggregateNotFoundException.class})
    ProblemDetail unknown(RuntimeException e) {
        log.info("Account change refused: {}", e.getMessage());
        return Problems.of(HttpStatus.NOT_FOUND, "No such account", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        log.info("Account change refused, bad input: {}", e.getMessage());
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }
}
