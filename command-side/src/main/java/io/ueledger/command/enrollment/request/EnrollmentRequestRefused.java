package io.ueledger.command.enrollment.request;

import org.springframework.http.HttpStatus;

/**
 * An enrollment request that is not accepted. Each subclass is one kind of reason with the HTTP
 * status the device gets; the message says what was wrong in words a person understands.
 */
public abstract sealed class EnrollmentRequestRefused extends RuntimeException
        permits EnrollmentRequestRefused.Malformed, EnrollmentRequestRefused.TooLarge,
        EnrollmentRequestRefused.Untrusted, EnrollmentRequestRefused.DeviceEnrollment {

    protected EnrollmentRequestRefused(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract HttpStatus status();

    /** Not a CMS signed plist, or a plist we refuse to read (DOCTYPE with entities, wrong shape). */
    public static final class Malformed extends EnrollmentRequestRefused {
        public Malformed(String message) {
            super(message, null);
        }

        public Malformed(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.BAD_REQUEST;
        }
    }

    /** Larger than any MachineInfo a device sends. */
    public static final class TooLarge extends EnrollmentRequestRefused {
        public TooLarge(String message) {
            super(message, null);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.PAYLOAD_TOO_LARGE;
        }
    }

    /** The signature does not verify or the signer does not chain to a device trust anchor. */
    public static final class Untrusted extends EnrollmentRequestRefused {
        public Untrusted(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.FORBIDDEN;
        }
    }

    /** The body names the hardware (UDID, serial, IMEI, MEID): a device enrollment, not a User Enrollment. */
    public static final class DeviceEnrollment extends EnrollmentRequestRefused {
        public DeviceEnrollment(String message) {
            super(message, null);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.FORBIDDEN;
        }
    }
}
