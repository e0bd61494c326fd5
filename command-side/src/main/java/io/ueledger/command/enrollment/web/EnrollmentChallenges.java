package io.ueledger.command.enrollment.web;

import io.ueledger.command.signin.SignInLinks;
import io.ueledger.command.signin.oauth2.OAuth2Endpoints;
import io.ueledger.kernel.enrollment.AuthMethod;
import org.springframework.stereotype.Service;

/** The 401 challenge of the configured authentication method ({@code ueledger.enrollment.auth-method}). */
@Service
public class EnrollmentChallenges {

    private final AuthMethod method;
    private final SignInLinks signInLinks;
    private final OAuth2Endpoints oauth2;

    public EnrollmentChallenges(EnrollmentAuthProperties properties, SignInLinks signInLinks,
            OAuth2Endpoints oauth2) {
        this.method = properties.authMethod();
        this.signInLinks = signInLinks;
        this.oauth2 = oauth2;
    }

    /** Recorded by {@code EnrollmentChallenged}. */
    public AuthMethod method() {
        return method;
    }

    /** The whole {@code WWW-Authenticate} value for this enrollment. */
    public String header(String enrollmentRef) {
        return switch (method) {
            case APPLE_AS_WEB -> signInLinks.challengeHeader(enrollmentRef);
            case APPLE_OAUTH2 -> oauth2.challengeHeader(enrollmentRef);
        };
    }
}
