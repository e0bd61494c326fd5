package io.ueledger.command.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;

/**
 * A sign-in that started with a link valid at the time: the link's lifetime is checked when the
 * consent page opens, and from then on this browser session binds the flow, so a person who reads
 * the page carefully, or needs a while for MFA at a real identity provider, is not turned away when
 * the link's minutes run out. A link that has expired before the flow started is still refused.
 */
record SignInFlow(String enrollmentRef) implements Serializable {

    private static final String SESSION_ATTRIBUTE = SignInFlow.class.getName();

    /** Opening the consent page: the link must be valid now; the started flow is kept in the session. */
    static Optional<String> start(SignInLinks links, String signedRef, HttpServletRequest request) {
        Optional<String> ref = links.enrollmentRef(signedRef);
        ref.ifPresent(r -> request.getSession(true).setAttribute(SESSION_ATTRIBUTE, new SignInFlow(r)));
        return ref;
    }

    /**
     * A later step (Continue, Cancel): a link valid now, or one this server made whose flow this
     * same browser session started in time.
     */
    static Optional<String> proceed(SignInLinks links, String signedRef, HttpServletRequest request) {
        Optional<String> fresh = links.enrollmentRef(signedRef);
        if (fresh.isPresent()) {
            return fresh;
        }
        HttpSession session = request.getSession(false);
        Object started = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        return links.enrollmentRefIgnoringExpiry(signedRef)
                .filter(ref -> started instanceof SignInFlow flow && flow.enrollmentRef().equals(ref));
    }
}
