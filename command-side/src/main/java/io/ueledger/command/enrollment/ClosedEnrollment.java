package io.ueledger.command.enrollment;

/**
 * The enrollment is over. Devices that still talk to it are told they are no longer enrolled
 * (403 with com.apple.unrecognized.device); admins get a 409 that says so.
 */
public class ClosedEnrollment extends EnrollmentRuleViolation {

    public ClosedEnrollment(String message) {
        super(message);
    }
}
