package io.ueledger.command.checkin;

import org.springframework.http.HttpStatus;

/** A check-in message this server does not (or, under User Enrollment, must not) act on. */
public class CheckInRefused extends RuntimeException {

    private final HttpStatus status;

    public CheckInRefused(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
