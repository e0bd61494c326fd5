package io.ueledger.ops.idp;

import io.ueledger.command.organisation.OrganisationProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.web.WebAttributes;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The built-in provider's sign-in page. The user name is pre-filled from the {@code login_hint}
 * of the authorization request waiting for this sign-in (the address the device owner typed in
 * Settings), so they only type a password.
 */
@Controller
@ConditionalOnProperty(name = "ueledger.idp.builtin.enabled", havingValue = "true", matchIfMissing = true)
class BuiltInIdpLoginPage {

    private final HttpSessionRequestCache waitingAuthorizations = new HttpSessionRequestCache();
    private final OrganisationProperties organisation;

    BuiltInIdpLoginPage(OrganisationProperties organisation) {
        this.organisation = organisation;
        waitingAuthorizations.setSessionAttrName(BuiltInIdentityProvider.SAVED_REQUEST_KEY);
    }

    @GetMapping(BuiltInIdentityProvider.LOGIN_PAGE)
    String login(@RequestParam(required = false) String error, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        SavedRequest waiting = waitingAuthorizations.getRequest(request, response);
        String[] hint = waiting == null ? null : waiting.getParameterValues("login_hint");
        model.addAttribute("username", hint == null || hint.length == 0 ? "" : hint[0]);
        model.addAttribute("organisation", organisation.name());
        // A refused check because every password-hashing slot was busy is not a wrong password: the person
        // (or a simulated device) is told to try again instead of to retype it.
        boolean busy = error != null && request.getSession(false) != null && request.getSession(false)
                .getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationServiceException;
        model.addAttribute("failed", error != null && !busy);
        model.addAttribute("busy", busy);
        return "idp/login";
    }
}
