package io.ueledger.command.checkin;

import io.ueledger.command.session.SessionTokens;
import io.ueledger.command.signin.SignInLinks;
import org.springframework.stereotype.Component;

/**
 * The session-token policy after enrollment (SPEC.md section 8): the token is checked once more at
 * Authenticate, where iOS, iPadOS and visionOS send it; afterwards the device identity certificate
 * alone authenticates requests, so users are not asked to sign in again whenever a token expires.
 * A Mac's device channel sends no token, which is fine.
 */
@Component
public class AuthenticateSessionCheck {

    private final SessionTokens sessionTokens;
    private final SignInLinks signInLinks;

    public AuthenticateSessionCheck(SessionTokens sessionTokens, SignInLinks signInLinks) {
        this.sessionTokens = sessionTokens;
        this.signInLinks = signInLinks;
    }

    public void requireValidTokenIfPresent(String enrollmentRef, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        SessionTokens.Verification verification = sessionTokens.verify(authorization.substring(7).trim());
        if (verification instanceof SessionTokens.Verification.Valid valid
                && valid.enrollmentRef().equals(enrollmentRef)) {
            return;
        }
        String why = verification instanceof SessionTokens.Verification.Expired ? "expired"
                : verification instanceof SessionTokens.Verification.Valid ? "issued to another enrollment"
                : "unknown";
        throw new SignInAgainRequired("the session token at Authenticate is " + why,
                signInLinks.challengeHeader(enrollmentRef));
    }
}
