package io.ueledger.command.enrollment.web;

/** The BaseURL's discovery token is forged, for another purpose or expired: start again from discovery. */
public class EnrollmentLinkRefused extends RuntimeException {

    public EnrollmentLinkRefused(String message) {
        super(message);
    }
}
