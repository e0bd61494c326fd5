package io.ueledger.query.export;

import org.springframework.http.HttpStatus;

/** An export that cannot be made; the message tells the caller what to change. */
class ExportRefused extends RuntimeException {

    private final HttpStatus status;

    private ExportRefused(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    static ExportRefused badRequest(String message) {
        return new ExportRefused(HttpStatus.BAD_REQUEST, message);
    }

    static ExportRefused notFound(String message) {
        return new ExportRefused(HttpStatus.NOT_FOUND, message);
    }

    HttpStatus status() {
        return status;
    }
}
