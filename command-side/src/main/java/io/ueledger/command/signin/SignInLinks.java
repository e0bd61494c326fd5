package io.ueledger.command.signin;

import io.ueledger.command.enrollment.web.SignInChallenge;
import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.signing.SignedLinks;
import io.ueledger.kernel.enrollment.AuthMethod;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The {@code url} of the 401 Bearer challenge (SPEC.md section 4.1):
 * {@code <publicBaseUrl>/enroll/login?enrollment=<signed enrollment ref>}. The device appends
 * {@code &user-identifier=…} and opens it in its web authentication session. The reference is
 * signed and short-lived, so nobody can start a sign-in for an enrollment they did not create.
 */
@Service
public class SignInLinks implements SignInChallenge {

    private static final Logger log = LoggerFactory.getLogger(SignInLinks.class);
    static final String PURPOSE = "sign-in";
    static final String PATH = "/enroll/login";

    private final SignedLinks links;
    private final OrganisationProperties organisation;
    private final SignInProperties properties;

    SignInLinks(SignedLinks links, OrganisationProperties organisation, SignInProperties properties) {
        this.links = links;
        this.organisation = organisation;
        this.properties = properties;
    }

    /** For the {@code url="…"} parameter of {@code WWW-Authenticate: Bearer method="apple-as-web"}. */
    public String challengeUrl(String enrollmentRef) {
        return organisation.url(PATH) + "?enrollment=" + signedRef(enrollmentRef);
    }

    @Override
    public AuthMethod method() {
        return AuthMethod.APPLE_AS_WEB;
    }

    /**
     * The whole {@code WWW-Authenticate} value of the 401 that asks the device to sign its user in,
     * comma-separated as Apple documents it (SPEC.md section 4.1).
     */
    @Override
    public String challengeHeader(String enrollmentRef) {
        return "Bearer method=\"" + AuthMethod.APPLE_AS_WEB.wireName() + "\", url=\"" + challengeUrl(enrollmentRef)
                + "\"";
    }

    /** The signed, short-lived enrollment reference; also carried by the apple-oauth2 authorization-url. */
    public String signedRef(String enrollmentRef) {
        return links.sign(PURPOSE, Map.of("ref", enrollmentRef), properties.linkTtl());
    }

    /** @return the enrollment the link was made for, or empty (logged) when it is forged or expired */
    public Optional<String> enrollmentRef(String signedRef) {
        return refOf(links.verify(PURPOSE, signedRef));
    }

    /**
     * The enrollment of a link this server made, expired or not: for the later steps of a sign-in
     * whose start was checked in time (see {@link SignInFlow}).
     */
    Optional<String> enrollmentRefIgnoringExpiry(String signedRef) {
        return refOf(links.verifyIgnoringExpiry(PURPOSE, signedRef));
    }

    private static Optional<String> refOf(SignedLinks.Verification result) {
        if (result instanceof SignedLinks.Verification.Valid valid && valid.string("ref") != null) {
            return Optional.of(valid.string("ref"));
        }
        log.info("Sign-in link refused: {}", result instanceof SignedLinks.Verification.Refused refused
                ? refused.reason() : "it names no enrollment");
        return Optional.empty();
    }
}
