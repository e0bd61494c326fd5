package io.ueledger.command.checkin;

/**
 * The session token presented at Authenticate is expired, revoked or not this enrollment's: the
 * device is asked to authenticate its user again with a 401 and the Bearer challenge, which is what
 * a 401 means to an account-driven device.
 */
public class SignInAgainRequired extends RuntimeException {

    private final String wwwAuthenticate;

    public SignInAgainRequired(String message, String wwwAuthenticate) {
        super(message);
        this.wwwAuthenticate = wwwAuthenticate;
    }

    public String wwwAuthenticate() {
        return wwwAuthenticate;
    }
}
