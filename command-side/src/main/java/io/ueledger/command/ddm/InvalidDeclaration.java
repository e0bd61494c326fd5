package io.ueledger.command.ddm;

/** A declaration set that is not well formed (missing Type, duplicate identifier, unknown type, ...): a 400, nothing recorded. */
public class InvalidDeclaration extends RuntimeException {

    public InvalidDeclaration(String message) {
        super(message);
    }
}
