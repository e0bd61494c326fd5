package io.ueledger.ops.security;

import io.ueledger.command.signin.EnrollmentSignIn;
import io.ueledger.command.signin.IdpIdentity;
import io.ueledger.command.signin.SignInAttempt;
import io.ueledger.command.signin.SignInResponses;
import io.ueledger.command.signin.oauth2.OAuth2SignInFinish;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Where the IdP's callback ends: hands the verified identity to {@link EnrollmentSignIn} and sends
 * the device its answer (308 with the token, or a page saying why not).
 */
@Component
class SignInCompletion implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(SignInCompletion.class);
    private static final EnrollmentSignIn.Outcome.Refused NO_ATTEMPT = new EnrollmentSignIn.Outcome.Refused(400,
            "This sign-in is not connected to an enrollment any more (the page may have been open too long). "
                    + "Start the enrollment again in Settings.");

    private final EnrollmentSignIn signIn;
    private final SignInResponses responses;
    private final OAuth2SignInFinish oauth2;
    private final String registrationId;

    SignInCompletion(EnrollmentSignIn signIn, SignInResponses responses, OAuth2SignInFinish oauth2,
            @Value("${ueledger.idp.registration-id:builtin}") String registrationId) {
        this.signIn = signIn;
        this.responses = responses;
        this.oauth2 = oauth2;
        this.registrationId = registrationId;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        Optional<SignInAttempt> attempt = SignInAttempt.current(request);
        SignInAttempt.finish(request);
        if (attempt.isEmpty()) {
            log.info("IdP callback without a sign-in attempt in the session; refused");
            responses.showRefusal(NO_ATTEMPT, request, response);
            return;
        }
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        Map<String, Object> claims = token.getPrincipal().getAttributes();
        IdpIdentity identity = new IdpIdentity(token.getAuthorizedClientRegistrationId(), token.getName(),
                text(claims, "email"), text(claims, "preferred_username"), text(claims, "upn"), text(claims, "name"));
        String enrollmentRef = attempt.get().enrollmentRef();
        String userIdentifier = attempt.get().userIdentifier();
        // apple-oauth2 sign-ins end with an authorization code, apple-as-web ones with a session token
        EnrollmentSignIn.Outcome outcome = oauth2.forSignIn(request, enrollmentRef)
                .map(finish -> signIn.complete(enrollmentRef, userIdentifier, identity, finish))
                .orElseGet(() -> signIn.complete(enrollmentRef, userIdentifier, identity));
        responses.send(outcome, request, response);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        Optional<SignInAttempt> attempt = SignInAttempt.current(request);
        SignInAttempt.finish(request);
        if (attempt.isEmpty()) {
            log.info("IdP callback failed ({}) without a sign-in attempt in the session", exception.getMessage());
            responses.showRefusal(NO_ATTEMPT, request, response);
            return;
        }
        String reason = exception instanceof OAuth2AuthenticationException oauth
                ? describe(oauth.getError()) : exception.getMessage();
        responses.send(signIn.idpFailed(attempt.get().enrollmentRef(), registrationId, reason), request, response);
    }

    private static String describe(OAuth2Error error) {
        return error.getDescription() == null ? error.getErrorCode()
                : error.getErrorCode() + " (" + error.getDescription() + ")";
    }

    private static String text(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null ? null : value.toString();
    }
}
