package io.ueledger.ops.console.web;

import io.ueledger.kernel.web.ErrorHandlingOrder;
import io.ueledger.query.web.InvalidQuery;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad input to a console page (an unknown stage in the filter, a page number of -1, a device that
 * does not exist) gets a page that says what is wrong, with the right status and one log line;
 * nothing is changed. The API keeps its RFC 9457 problem details; people get HTML.
 */
@Order(ErrorHandlingOrder.CONSOLE)
@ControllerAdvice(basePackages = "io.ueledger.ops.console")
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler({ConsoleInputError.class, InvalidQuery.class, IllegalArgumentException.class,
            MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    String badInput(Exception e, Model model, HttpServletResponse response) {
        String message = e instanceof MethodArgumentTypeMismatchException mismatch
                ? "'" + mismatch.getValue() + "' is not a valid value for " + mismatch.getName()
                : e.getMessage();
        log.info("Console request refused: {}", message);
        return page(model, response, HttpStatus.BAD_REQUEST, "That request cannot be answered", message);
    }

    @ExceptionHandler(ConsoleNotFound.class)
    String notFound(ConsoleNotFound e, Model model, HttpServletResponse response) {
        log.info("Console page not found: {}", e.getMessage());
        return page(model, response, HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConsoleConflict.class)
    String conflict(ConsoleConflict e, Model model, HttpServletResponse response) {
        log.info("Console request refused, conflict: {}", e.getMessage());
        return page(model, response, HttpStatus.CONFLICT, "That cannot be done now", e.getMessage());
    }

    private static String page(Model model, HttpServletResponse response, HttpStatus status, String title,
            String message) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "console/error";
    }
}
