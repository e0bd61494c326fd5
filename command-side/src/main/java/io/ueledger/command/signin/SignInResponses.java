package io.ueledger.command.signin;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Turns a sign-in {@link EnrollmentSignIn.Outcome} into what the device's web session sees: a 308
 * to the custom-scheme callback with the token (Apple specifies 308), or a page saying why not.
 */
@Component
public class SignInResponses {

    static final String RESULT_ATTRIBUTE = SignInResponses.class.getName() + ".RESULT";

    public void send(EnrollmentSignIn.Outcome outcome, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (outcome instanceof EnrollmentSignIn.Outcome.SignedIn signedIn) {
            response.setStatus(308);
            response.setHeader("Location", signedIn.callbackUrl());
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        showRefusal((EnrollmentSignIn.Outcome.Refused) outcome, request, response);
    }

    public void showRefusal(EnrollmentSignIn.Outcome.Refused refused, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
        request.setAttribute(RESULT_ATTRIBUTE, refused);
        request.getRequestDispatcher(SignInLinks.PATH + "/result").forward(request, response);
    }
}
