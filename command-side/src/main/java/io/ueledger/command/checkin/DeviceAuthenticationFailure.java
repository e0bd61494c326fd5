package io.ueledger.command.checkin;

/**
 * The request is not signed by a device identity, or the signature does not verify. Answered with
 * a 403 problem, never with a bare 401 (which an account-driven device reads as "sign in again")
 * and never with com.apple.unrecognized.device (which would unenroll a real device whose request
 * was merely damaged).
 */
public class DeviceAuthenticationFailure extends RuntimeException {

    public DeviceAuthenticationFailure(String message) {
        super(message);
    }
}
