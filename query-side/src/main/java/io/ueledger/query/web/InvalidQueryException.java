package io.ueledger.query.web;

/** A query parameter a person got wrong; the message says which and what is expected. */
public class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message);
    }
}
