package io.ueledger.command.signin.oauth2;

import io.ueledger.command.enrollment.web.SignInChallenge;
import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.signin.SignInLinks;
import io.ueledger.kernel.enrollment.AuthMethod;
import org.springframework.stereotype.Service;

/**
 * Where the device finds this server's authorization and token endpoints. The authorization URL
 * carries the signed enrollment reference as a query parameter, as the web method's sign-in URL
 * does; the device adds its own parameters to that query (RFC 6749 section 3.1 keeps an endpoint's
 * query), so the consent page knows which enrollment it is for.
 */
@Service
public class OAuth2Endpoints implements SignInChallenge {

    static final String AUTHORIZATION_PATH = "/enroll/oauth2/authorize";
    /** Under /mdm: a device request with no browser session, like the other device endpoints. */
    static final String TOKEN_PATH = "/mdm/oauth2/token";

    private final SignInLinks signInLinks;
    private final OrganisationProperties organisation;
    private final OAuth2Properties properties;

    OAuth2Endpoints(SignInLinks signInLinks, OrganisationProperties organisation, OAuth2Properties properties) {
        this.signInLinks = signInLinks;
        this.organisation = organisation;
        this.properties = properties;
    }

    public String authorizationUrl(String enrollmentRef) {
        return organisation.url(AUTHORIZATION_PATH) + "?enrollment=" + signInLinks.signedRef(enrollmentRef);
    }

    public String tokenUrl() {
        return organisation.url(TOKEN_PATH);
    }

    @Override
    public AuthMethod method() {
        return AuthMethod.APPLE_OAUTH2;
    }

    /** The whole {@code WWW-Authenticate} value of the apple-oauth2 401 for this enrollment. */
    @Override
    public String challengeHeader(String enrollmentRef) {
        return OAuth2Challenge.header(authorizationUrl(enrollmentRef), tokenUrl(), properties.clientId(),
                properties.scope());
    }
}
