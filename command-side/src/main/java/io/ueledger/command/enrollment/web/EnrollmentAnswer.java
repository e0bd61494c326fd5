package io.ueledger.command.enrollment.web;

import io.ueledger.command.enrollment.profile.SignedProfile;

/** What an enrollment POST gets: a challenge to sign in, or the signed enrollment profile. */
public sealed interface EnrollmentAnswer {

    /** 401 with this WWW-Authenticate header. */
    record Challenge(String enrollmentRef, String wwwAuthenticate) implements EnrollmentAnswer {
    }

    /** 200 with the CMS-signed profile. */
    record Profile(String enrollmentRef, SignedProfile profile) implements EnrollmentAnswer {
    }
}
