package io.ueledger.command.push;

/** An uploaded MDM push certificate that cannot be used; the message says what to fix. Nothing is stored. */
public class InvalidPushCertificate extends RuntimeException {

    public InvalidPushCertificate(String message) {
        super(message);
    }

    public InvalidPushCertificate(String message, Throwable cause) {
        super(message, cause);
    }
}
