package io.ueledger.command.enrollment.web;

import io.ueledger.kernel.enrollment.AuthMethod;

/**
 * How an enrollment asks the device to sign its user in, for one authentication method. The sign-in
 * package implements it (one per method); enrollment only picks the configured one, so enrollment
 * does not depend on sign-in while sign-in drives the enrollment's commands.
 */
public interface SignInChallenge {

    /** The authentication method this challenge starts. */
    AuthMethod method();

    /** The whole {@code WWW-Authenticate} value of the 401 for this enrollment. */
    String challengeHeader(String enrollmentRef);
}
