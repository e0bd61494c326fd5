package io.ueledger.command.signin;

import io.ueledger.command.organisation.OrganisationProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages the device's {@code ASWebAuthenticationSession} shows: first what the organisation
 * will and will not be able to see and do, then "Continue to sign in" (OIDC login at the configured
 * provider, finished by the relying-party chain in ops) or "Cancel".
 */
@Controller
@RequestMapping(SignInLinks.PATH)
class SignInPageController {

    static final String OWNER_VIEW_PATH = "/my";

    private static final Logger log = LoggerFactory.getLogger(SignInPageController.class);

    private final SignInLinks links;
    private final EnrolledDevices devices;
    private final EnrollmentSignIn signIn;
    private final SignInResponses responses;
    private final OrganisationProperties organisation;
    private final String registrationId;

    SignInPageController(SignInLinks links, EnrolledDevices devices, EnrollmentSignIn signIn,
            SignInResponses responses, OrganisationProperties organisation,
            @Value("${ueledger.idp.registration-id:builtin}") String registrationId) {
        this.links = links;
        this.devices = devices;
        this.signIn = signIn;
        this.responses = responses;
        this.organisation = organisation;
        this.registrationId = registrationId;
    }

    @GetMapping
    String explain(@RequestParam(required = false) String enrollment,
            @RequestParam(name = "user-identifier", required = false) String userIdentifier,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> enrollmentRef = SignInFlow.start(links, enrollment, request);
        if (enrollmentRef.isEmpty()) {
            return invalidLink(model, response);
        }
        Optional<EnrolledDevice> device = devices.find(enrollmentRef.get());
        model.addAttribute("organisation", organisation.name());
        model.addAttribute("enrollment", enrollment);
        model.addAttribute("userIdentifier", userIdentifier);
        model.addAttribute("platform", device.map(d -> d.platform().displayName()).orElse("your device"));
        // the device owners' own view (served by the assembled app): the owner learns before signing in that
        // they can check afterwards what the organisation did and could not do on the device
        model.addAttribute("ownerView", organisation.url(OWNER_VIEW_PATH));
        model.addAttribute("can", WhatYourOrganisationCanSee.CAN);
        model.addAttribute("cannot", WhatYourOrganisationCanSee.CANNOT);
        model.addAttribute("separated", device.map(d -> WhatYourOrganisationCanSee.separatedData(d.platform(),
                d.osVersion())).orElse(java.util.List.of()));
        return "signin/consent";
    }

    @PostMapping("/continue")
    String signIn(@RequestParam(required = false) String enrollment,
            @RequestParam(name = "user-identifier", required = false) String userIdentifier,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> enrollmentRef = SignInFlow.proceed(links, enrollment, request);
        if (enrollmentRef.isEmpty()) {
            return invalidLink(model, response);
        }
        new SignInAttempt(enrollmentRef.get(), blankToNull(userIdentifier)).store(request);
        return "redirect:/oauth2/authorization/" + registrationId;
    }

    @PostMapping("/cancel")
    void cancel(@RequestParam(required = false) String enrollment, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        Optional<String> enrollmentRef = SignInFlow.proceed(links, enrollment, request);
        if (enrollmentRef.isEmpty()) {
            responses.showRefusal(new EnrollmentSignIn.Outcome.Refused(400, INVALID_LINK), request, response);
            return;
        }
        SignInAttempt.finish(request);
        responses.send(signIn.cancel(enrollmentRef.get(), registrationId), request, response);
    }

    /** Where refusals are forwarded to (see {@link SignInResponses}); also the answer to a stale page. */
    @RequestMapping("/result")
    String result(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object result = request.getAttribute(SignInResponses.RESULT_ATTRIBUTE);
        EnrollmentSignIn.Outcome.Refused refused = result instanceof EnrollmentSignIn.Outcome.Refused r ? r
                : new EnrollmentSignIn.Outcome.Refused(400, INVALID_LINK);
        response.setStatus(refused.status());
        model.addAttribute("organisation", organisation.name());
        model.addAttribute("message", refused.message());
        return "signin/result";
    }

    static final String INVALID_LINK = "This sign-in link is not valid or has expired. Start the enrollment "
            + "again in Settings.";

    private String invalidLink(Model model, HttpServletResponse response) {
        log.info("Sign-in page refused: invalid or expired sign-in link");
        response.setStatus(400);
        model.addAttribute("organisation", organisation.name());
        model.addAttribute("message", INVALID_LINK);
        return "signin/result";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
