package io.ueledger.command.signin.oauth2;

import io.ueledger.command.session.SessionTokens;
import io.ueledger.command.signin.EnrollmentSignIn;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How a sign-in that began at the apple-oauth2 authorization URL ends: with a one-time code for the
 * redirect URI (and the device's {@code state} echoed) rather than a session token. Sign-ins without
 * a pending authorization request in their web session are the web method's and are left alone.
 */
@Component
public class OAuth2SignInFinish {

    private final AuthorizationCodes codes;

    OAuth2SignInFinish(AuthorizationCodes codes) {
        this.codes = codes;
    }

    /** @return the finish for this browser session's sign-in, or empty for the web method */
    public Optional<EnrollmentSignIn.Finish> forSignIn(HttpServletRequest request, String enrollmentRef) {
        return PendingAuthorization.take(request, enrollmentRef).map(pending -> (ref, managedAppleAccount) -> {
            String code = codes.issue(pending, managedAppleAccount);
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("code", code);
            parameters.put("state", pending.state());
            return new EnrollmentSignIn.Outcome.SignedIn(RedirectUris.withQuery(pending.redirectTarget(), parameters),
                    "authorization code " + SessionTokens.hash(code).substring(0, 12),
                    managedAppleAccount);
        });
    }
}
