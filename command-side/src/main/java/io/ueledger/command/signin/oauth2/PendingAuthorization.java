package io.ueledger.command.signin.oauth2;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;

/**
 * The device's authorization request, kept in the web session while its user reads the consent page
 * and signs in at the identity provider; the code issued at the end is bound to it.
 *
 * @param redirectUri         as the device sent it (null if it sent none)
 * @param state               echoed back in the redirect, untouched (null if none was sent)
 * @param codeChallenge       PKCE (RFC 7636), only when the device sent one
 * @param codeChallengeMethod {@code S256} or {@code plain}
 */
public record PendingAuthorization(String enrollmentRef, String clientId, String redirectUri, String state,
        String codeChallenge, String codeChallengeMethod) implements Serializable {

    static final String SESSION_ATTRIBUTE = PendingAuthorization.class.getName();

    void store(HttpServletRequest request) {
        request.getSession(true).setAttribute(SESSION_ATTRIBUTE, this);
    }

    /**
     * Removes and returns the pending request for this enrollment: one request, one outcome, so a
     * reloaded callback can never issue a second code.
     */
    static Optional<PendingAuthorization> take(HttpServletRequest request, String enrollmentRef) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof PendingAuthorization pending)
                || !pending.enrollmentRef().equals(enrollmentRef)) {
            return Optional.empty();
        }
        session.removeAttribute(SESSION_ATTRIBUTE);
        return Optional.of(pending);
    }

    /** Where the device is sent back with {@code code} or {@code error}: its own redirect URI. */
    String redirectTarget() {
        return redirectUri != null ? redirectUri : OAuth2Challenge.REDIRECT_URL;
    }

    @Override
    public String toString() {
        return "PendingAuthorization[enrollmentRef=" + enrollmentRef + ", clientId=" + clientId + ", pkce="
                + (codeChallenge != null) + "]";
    }
}
