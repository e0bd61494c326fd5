package io.ueledger.kernel.policy;

/** What the User Enrollment policy decided about one requested MDM command. */
public enum Verdict {
    /** Send the request as asked. */
    ALLOWED,
    /** Send only the narrowed request; the decision says what was taken out or limited. */
    NARROWED,
    /** Send nothing; the decision names the rule and its source. */
    REFUSED
}
