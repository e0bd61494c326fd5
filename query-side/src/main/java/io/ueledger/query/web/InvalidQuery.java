package io.ueledger.query.web;

/** A query parameter a person got wrong; the message says which and what is expected. */
public class InvalidQuery extends RuntimeException {

    public InvalidQuery(String message) {
        super(message);
    }
}
