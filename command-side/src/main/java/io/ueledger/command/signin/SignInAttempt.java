package io.ueledger.command.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;

/**
 * The enrollment a browser session is signing in for, kept in the HTTP session between "Continue"
 * and the IdP's callback (the OIDC round trip cannot carry it).
 */
public record SignInAttempt(String enrollmentRef, String userIdentifier) implements Serializable {

    static final String SESSION_ATTRIBUTE = SignInAttempt.class.getName();

    void store(HttpServletRequest request) {
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, this);
    }

    public static Optional<SignInAttempt> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable((SignInAttempt) session.getAttribute(SESSION_ATTRIBUTE));
    }

    /** One attempt, one outcome: a reloaded callback must not issue a second token. */
    public static void finish(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_ATTRIBUTE);
        }
    }
}
