package io.ueledger.command.enrollment.web;

import io.ueledger.kernel.enrollment.AuthMethod;
import java.util.List;
import org.springframework.stereotype.Service;

/** The 401 challenge of the configured authentication method ({@code ueledger.enrollment.auth-method}). */
@Service
public class EnrollmentChallenges {

    private final AuthMethod method;
    private final SignInChallenge challenge;

    public EnrollmentChallenges(EnrollmentAuthProperties properties, List<SignInChallenge> challenges) {
        this.method = properties.authMethod();
        this.challenge = challenges.stream().filter(candidate -> candidate.method() == method).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sign-in challenge for auth method " + method));
    }

    /** Recorded by {@code EnrollmentChallenged}. */
    public AuthMethod method() {
        return method;
    }

    /** The whole {@code WWW-Authenticate} value for this enrollment. */
    public String header(String enrollmentRef) {
        return challenge.challengeHeader(enrollmentRef);
    }
}
