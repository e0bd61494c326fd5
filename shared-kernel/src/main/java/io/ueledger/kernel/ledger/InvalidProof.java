package io.ueledger.kernel.ledger;

/** A proof or signed note that does not verify; the message says why. */
public class InvalidProof extends Exception {

    public InvalidProof(String message) {
        super(message);
    }
}
