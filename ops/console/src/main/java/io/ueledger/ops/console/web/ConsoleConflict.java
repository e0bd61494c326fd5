package io.ueledger.ops.console.web;

/** Something that cannot be done in the state things are in (unenrolling a device twice); shown as a 409 page. */
public class ConsoleConflict extends RuntimeException {

    public ConsoleConflict(String message) {
        super(message);
    }
}
