package io.ueledger.kernel.ledger;

/** A proof or signed note that does not verify; the message says why. */
public class InvalidProofException extends Exception {

    public InvalidProofException(String message) {
        super(message);
    }
}
