package io.ueledger.command.signin.oauth2;

import io.ueledger.command.organisation.OrganisationProperties;
import io.ueledger.command.signin.SignInLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The {@code authorization-url} of the apple-oauth2 challenge (SPEC.md section 4.2), opened by the
 * device's web authentication session with {@code response_type=code&client_id&redirect_uri&state
 * &login_hint} added. A valid request is remembered in the web session and the device owner gets the
 * same consent page and identity-provider sign-in as with the web method; the sign-in then ends in a
 * 308 to the redirect URI with a one-time code instead of a token.
 *
 * <p>Errors follow RFC 6749 section 4.1.2.1: a bad link, client or redirect URI gets a page and is
 * never redirected (the redirect target can't be trusted); other errors go back to the device's
 * redirect URI with {@code error} and the echoed {@code state}.
 */
@Controller
class AuthorizationEndpoint {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationEndpoint.class);
    /** The web method's consent page, which then carries on exactly as for apple-as-web. */
    private static final String CONSENT_PAGE = "/enroll/login";

    private final SignInLinks links;
    private final OAuth2Properties properties;
    private final OrganisationProperties organisation;

    AuthorizationEndpoint(SignInLinks links, OAuth2Properties properties, OrganisationProperties organisation) {
        this.links = links;
        this.properties = properties;
        this.organisation = organisation;
    }

    @GetMapping(OAuth2Endpoints.AUTHORIZATION_PATH)
    String authorize(@RequestParam(required = false) String enrollment,
            @RequestParam(name = "response_type", required = false) String responseType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(required = false) String state,
            @RequestParam(name = "login_hint", required = false) String loginHint,
            @RequestParam(name = "code_challenge", required = false) String codeChallenge,
            @RequestParam(name = "code_challenge_method", required = false) String codeChallengeMethod,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> enrollmentRef = links.enrollmentRef(enrollment);
        if (enrollmentRef.isEmpty()) {
            return page(400, "This sign-in link is not valid or has expired. Start the enrollment again in Settings.",
                    response, model);
        }
        if (!properties.clientId().equals(clientId)) {
            log.info("Authorization request for enrollment {} refused: unknown client_id {}", enrollmentRef.get(),
                    clientId);
            return page(400, "This sign-in request did not come from the device's enrollment (unknown client). "
                    + "Start the enrollment again in Settings.", response, model);
        }
        if (redirectUri != null && !OAuth2Challenge.REDIRECT_URL.equals(redirectUri)) {
            log.info("Authorization request for enrollment {} refused: redirect_uri {} is not {}", enrollmentRef.get(),
                    redirectUri, OAuth2Challenge.REDIRECT_URL);
            return page(400, "This sign-in request asks to return to an address that is not the device's. "
                    + "Start the enrollment again in Settings.", response, model);
        }
        PendingAuthorization pending = new PendingAuthorization(enrollmentRef.get(), clientId, redirectUri, state,
                codeChallenge, codeChallenge == null ? null : codeChallengeMethod == null ? "plain" : codeChallengeMethod);
        Optional<String> problem = problemWith(responseType, codeChallenge, codeChallengeMethod);
        if (problem.isPresent()) {
            log.info("Authorization request for enrollment {} refused: {}", enrollmentRef.get(), problem.get());
            response.setStatus(308);
            response.setHeader("Location", RedirectUris.withQuery(pending.redirectTarget(),
                    errorParameters(problem.get(), state)));
            response.setHeader("Cache-Control", "no-store");
            return null;
        }
        pending.store(request);
        return "forward:" + CONSENT_PAGE + (loginHint == null || loginHint.isBlank() ? ""
                : "?user-identifier=" + URLEncoder.encode(loginHint.trim(), StandardCharsets.UTF_8));
    }

    private static Optional<String> problemWith(String responseType, String codeChallenge, String method) {
        if (!"code".equals(responseType)) {
            return Optional.of(responseType == null ? "invalid_request:response_type is missing"
                    : "unsupported_response_type:only response_type=code is supported");
        }
        if (method != null && (codeChallenge == null || !Pkce.METHODS.contains(method))) {
            return Optional.of("invalid_request:code_challenge_method must be S256 or plain, with a code_challenge");
        }
        return Optional.empty();
    }

    private static Map<String, String> errorParameters(String problem, String state) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", problem.substring(0, problem.indexOf(':')));
        parameters.put("error_description", problem.substring(problem.indexOf(':') + 1));
        parameters.put("state", state);
        return parameters;
    }

    private String page(int status, String message, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("organisation", organisation.name());
        model.addAttribute("message", message);
        return "signin/result";
    }
}
