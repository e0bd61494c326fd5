package io.ueledger.command.plist;

/** A body that is not a plist we accept: malformed, too large, or carrying entity declarations. */
public class UnsafePlist extends IllegalArgumentException {

    public UnsafePlist(String message) {
        super(message);
    }

    public UnsafePlist(String message, Throwable cause) {
        super(message, cause);
    }
}
