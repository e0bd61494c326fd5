package io.ueledger.query.web;

/** No enrollment with this reference is known to the views. */
public class EnrollmentNotFoundException extends RuntimeException {

    public EnrollmentNotFoundException(String enrollmentRef) {
        super("No enrollment with reference '" + enrollmentRef + "' is known");
    }
}
