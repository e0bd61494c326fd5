package io.ueledger.kernel.unenrollment;

/** Why an enrollment ended. */
public enum ClosureReason {
    /** The user removed the enrollment and the device sent CheckOut. */
    CHECKED_OUT,
    /** An admin unenrolled the device and it acknowledged RemoveProfile of the enrollment profile. */
    UNENROLLED_BY_ADMIN,
    /** APNs answered that the device token is no longer registered. */
    APNS_UNREGISTERED,
    /** The device stayed silent past the configured period after an unenrollment request. */
    SILENCE
}
