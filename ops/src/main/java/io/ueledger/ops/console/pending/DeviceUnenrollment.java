package io.ueledger.ops.console.pending;

/**
 * What the console needs to unenroll a device with a reason. Not implemented yet: the
 * unenrollment endpoint is being built elsewhere. While no bean implements this, the device page
 * shows no unenroll form and the route answers 404; implementing it (a call of the unenrollment
 * service) switches both on.
 */
public interface DeviceUnenrollment {

    /** @return the command UUID of the queued RemoveProfile */
    String unenroll(String enrollmentRef, String reason, String requestedBy);
}
