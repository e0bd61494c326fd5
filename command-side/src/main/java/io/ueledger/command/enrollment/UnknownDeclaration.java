package io.ueledger.command.enrollment;

/** A device asked for, or reported on, a declaration this server never offered to its enrollment. */
public class UnknownDeclaration extends RuntimeException {

    public UnknownDeclaration(String message) {
        super(message);
    }
}
