package io.ueledger.command.checkin;

/**
 * A correctly signed request from a certificate this server never issued, or from a closed
 * enrollment: the device is told it is no longer enrolled (403 com.apple.unrecognized.device).
 */
public class UnknownDevice extends RuntimeException {

    public UnknownDevice(String message) {
        super(message);
    }
}
