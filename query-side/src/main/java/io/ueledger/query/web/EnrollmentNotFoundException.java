package io.ueledger.query.web;

/** No enrollment with this reference is known to the views. */
public class EnrollmentNotFoundException extends RuntimeException {

    public EnrollmentNotFoundException(String enrollmentRef) {
        super("No enrollment with reference '" + enrollmentRef + "' is known");
    }

    /** With a message of its own, e.g. for an enrollment that did not exist yet at the time asked about. */
    public EnrollmentNotFoundException(String enrollmentRef, String message) {
        super(message);
    }
}
