package io.ueledger.ops.owner;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ueledger.kernel.web.ErrorHandlingOrder;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The owner view's refusals as pages for people: a 403 that names nothing of the enrollment asked
 * for (not even whether it exists), and one log line, since a refused look at someone else's device
 * is worth knowing about.
 */
@ControllerAdvice(basePackages = "io.ueledger.ops.owner")
@Order(ErrorHandlingOrder.OWNER_VIEW)
class OwnerErrors {

    private static final Logger log = LoggerFactory.getLogger(OwnerErrors.class);

    @ExceptionHandler(NotYourEnrollment.class)
    String notYours(NotYourEnrollment e, Model model, HttpServletResponse response) {
        log.warn("Owner view refused: {}", e.getMessage());
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "owner/forbidden";
    }

    @ExceptionHandler({OwnerInputError.class, org.springframework.web.bind.MissingServletRequestParameterException.class})
    String badInput(Exception e, Model model, HttpServletResponse response) {
        log.info("Owner view request refused: {}", e.getMessage());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("message", e.getMessage());
        return "owner/error";
    }
}
