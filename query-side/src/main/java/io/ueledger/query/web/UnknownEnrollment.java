package io.ueledger.query.web;

/** No enrollment with this reference is known to the views. */
public class UnknownEnrollment extends RuntimeException {

    public UnknownEnrollment(String enrollmentRef) {
        super("No enrollment with reference '" + enrollmentRef + "' is known");
    }

    /** With a message of its own, e.g. for an enrollment that did not exist yet at the time asked about. */
    public UnknownEnrollment(String enrollmentRef, String message) {
        super(message);
    }
}
