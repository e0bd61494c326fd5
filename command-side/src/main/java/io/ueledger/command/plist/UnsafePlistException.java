package io.ueledger.command.plist;

/** A body that is not a plist we accept: malformed, too large, or carrying entity declarations. */
public class UnsafePlistException extends IllegalArgumentException {

    public UnsafePlistException(String message) {
        super(message);
    }

    public UnsafePlistException(String message, Throwable cause) {
        super(message, cause);
    }
}
