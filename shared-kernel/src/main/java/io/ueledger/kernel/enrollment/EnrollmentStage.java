package io.ueledger.kernel.enrollment;

/** Where an enrollment stands in its lifecycle, in order. */
public enum EnrollmentStage {
    /** Signed MachineInfo received and the user challenged to sign in (stage 1). */
    CHALLENGED,
    /** The user signed in at the identity provider (stage 2). */
    USER_AUTHENTICATED,
    /** A session token was issued to the device (stage 3). */
    TOKEN_ISSUED,
    /** The BYOD enrollment profile was delivered (stage 4). */
    PROFILE_DELIVERED,
    /** The device obtained its identity certificate from our CA. */
    IDENTITY_ISSUED,
    /** Check-in Authenticate accepted; the EnrollmentID is known. */
    AUTHENTICATED,
    /** The first TokenUpdate arrived: the device is enrolled and manageable. */
    ENROLLED,
    /** An admin asked to unenroll; RemoveProfile of the enrollment profile is outstanding. */
    UNENROLLMENT_PENDING,
    /** Unenrolled; keys destroyed, managed data removed. Terminal. */
    CLOSED;

    public boolean isAtLeast(EnrollmentStage other) {
        return compareTo(other) >= 0;
    }
}
