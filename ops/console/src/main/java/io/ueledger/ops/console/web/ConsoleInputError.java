package io.ueledger.ops.console.web;

/** Something a console user typed or clicked that cannot be answered; shown to them as a 400 page. */
public class ConsoleInputError extends RuntimeException {

    public ConsoleInputError(String message) {
        super(message);
    }
}
