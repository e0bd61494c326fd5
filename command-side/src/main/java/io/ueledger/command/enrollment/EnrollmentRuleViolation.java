package io.ueledger.command.enrollment;

/**
 * A command that the enrollment's lifecycle does not allow in its current state. Nothing is
 * applied; the message says in plain words why, and the web layer answers 409 with it.
 */
public class EnrollmentRuleViolation extends IllegalStateException {

    public EnrollmentRuleViolation(String message) {
        super(message);
    }
}
