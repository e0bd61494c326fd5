package io.ueledger.command.admin;

/** No enrollment has this reference: 404, nothing changes. */
public class UnknownEnrollment extends RuntimeException {

    public UnknownEnrollment(String enrollmentRef) {
        super("No enrollment with reference '" + enrollmentRef + "'");
    }
}
