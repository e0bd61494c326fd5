package io.ueledger.ops.idp;

import io.ueledger.command.organisation.OrganisationProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
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
        model.addAttribute("failed", error != null);
        return "idp/login";
    }
}
