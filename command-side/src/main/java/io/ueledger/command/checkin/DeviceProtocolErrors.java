package io.ueledger.command.checkin;

import io.ueledger.command.enrollment.ClosedEnrollment;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.plist.UnsafePlist;
import io.ueledger.command.web.Problems;
import io.ueledger.kernel.web.ErrorHandlingOrder;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the device-facing MDM endpoints refuse. Never a bare 401 (an account-driven device reads it as
 * "sign in again"); 403 with com.apple.unrecognized.device only when the device really is no longer
 * enrolled here; everything else a problem body and a log line, with no event appended.
 */
@Order(ErrorHandlingOrder.DEVICE_PROTOCOL)
@RestControllerAdvice(assignableTypes = {CheckInController.class, CommandChannelController.class})
public class DeviceProtocolErrors {

    private static final Logger log = LoggerFactory.getLogger(DeviceProtocolErrors.class);

    @ExceptionHandler({UnknownDevice.class, ClosedEnrollment.class})
    ResponseEntity<Object> noLongerEnrolled(RuntimeException e) {
        log.info("Device told it is not enrolled: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
                .body(UnrecognizedDeviceBody.of(e.getMessage()));
    }

    @ExceptionHandler(SignInAgainRequired.class)
    ResponseEntity<Object> signInAgain(SignInAgainRequired e) {
        log.info("Device asked to sign in again: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(org.springframework.http.HttpHeaders.WWW_AUTHENTICATE, e.wwwAuthenticate()).build();
    }

    @ExceptionHandler(DeviceAuthenticationFailure.class)
    ProblemDetail unauthenticated(DeviceAuthenticationFailure e) {
        log.warn("Device request refused, bad identity: {}", e.getMessage());
        return Problems.of(HttpStatus.FORBIDDEN, "Device identity not verified", e.getMessage());
    }

    @ExceptionHandler(UnsafePlist.class)
    ProblemDetail badPlist(UnsafePlist e) {
        log.info("Device request refused, bad body: {}", e.getMessage());
        return Problems.of(e.getMessage().contains("bytes; at most") ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST,
                "Bad device message", e.getMessage());
    }

    @ExceptionHandler(CheckInRefused.class)
    ProblemDetail refusedMessage(CheckInRefused e) {
        log.info("Check-in message refused: {}", e.getMessage());
        return Problems.of(e.status(), "Message not supported", e.getMessage());
    }

    @ExceptionHandler(EnrollmentRuleViolation.class)
    ProblemDetail ruleViolated(EnrollmentRuleViolation e) {
        log.info("Device request refused by the enrollment: {}", e.getMessage());
        return Problems.of(HttpStatus.CONFLICT, "Not allowed now", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> unknownEnrollment(AggregateNotFoundException e) {
        return noLongerEnrolled(new UnknownDevice("no enrollment " + e.getAggregateIdentifier()));
    }
}
