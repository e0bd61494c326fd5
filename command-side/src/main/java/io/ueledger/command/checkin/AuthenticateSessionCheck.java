package io.ueledger.command.checkin;

import io.ueledger.command.session.SessionTokens;
import io.ueledger.command.enrollment.web.EnrollmentChallenges;
import org.springframework.stereotype.Component;

/**
 * The session-token policy after enrollment (SPEC.md section 8): the token is checked once more at
 * Authenticate, where iOS, iPadOS and visionOS send it; afterwards the device identity certificate
 * alone authenticates requests, so users are not asked to sign in again whenever a token expires.
 * A Mac's device channel sends no token, which is fine. A token that is not valid there gets the
 * challenge of the configured method ({@code apple-as-web} or {@code apple-oauth2}), the same one
 * the enrollment POST sends, so a device enrolled with OAuth 2 is never sent to the web method.
 */
@Component
public class AuthenticateSessionCheck {

    private final SessionTokens sessionTokens;
    private final EnrollmentChallenges challenges;

    public AuthenticateSessionCheck(SessionTokens sessionTokens, EnrollmentChallenges challenges) {
        this.sessionTokens = sessionTokens;
        this.challenges = challenges;
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
                challenges.header(enrollmentRef));
    }
}
