package io.ueledger.ops.console.web;

/** A console page for something that does not exist (an unknown enrollment or account). */
public class ConsoleNotFound extends RuntimeException {

    public ConsoleNotFound(String message) {
        super(message);
    }
}
