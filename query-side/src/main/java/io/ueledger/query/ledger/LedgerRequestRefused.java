package io.ueledger.query.ledger;

import org.springframework.http.HttpStatus;

/** A ledger request that cannot be answered; the message tells the caller what to change. */
public class LedgerRequestRefused extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    private LedgerRequestRefused(HttpStatus status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    static LedgerRequestRefused badRequest(String message) {
        return new LedgerRequestRefused(HttpStatus.BAD_REQUEST, "Bad ledger request", message);
    }

    static LedgerRequestRefused notFound(String message) {
        return new LedgerRequestRefused(HttpStatus.NOT_FOUND, "Not in the ledger", message);
    }

    public HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
