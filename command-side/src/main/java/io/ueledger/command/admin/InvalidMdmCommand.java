package io.ueledger.command.admin;

/** The admin's request is not a command anyone could send (bad JSON values, unreadable profile, …): 400, nothing changes. */
public class InvalidMdmCommand extends RuntimeException {

    public InvalidMdmCommand(String message) {
        super(message);
    }

    public InvalidMdmCommand(String message, Throwable cause) {
        super(message, cause);
    }
}
