package io.ueledger.command.ddm;

/** No declaration set with this id was ever saved. */
public class UnknownDeclarationSet extends RuntimeException {

    public UnknownDeclarationSet(String setId) {
        super("no declaration set " + setId);
    }
}
