package io.ueledger.command.enrollment.profile;

import io.ueledger.command.scep.ScepChallenges;
import org.springframework.stereotype.Service;

/**
 * The enrollment profile for one enrollment, with a fresh one-time SCEP challenge bound to it.
 * The caller records {@code DeliverEnrollmentProfile} with the returned identifiers and digest.
 */
@Service
public class EnrollmentProfiles {

    private final EnrollmentProfileBuilder builder;
    private final EnrollmentProfileSigner signer;
    private final ScepChallenges challenges;

    public EnrollmentProfiles(EnrollmentProfileBuilder builder, EnrollmentProfileSigner signer,
            ScepChallenges challenges) {
        this.builder = builder;
        this.signer = signer;
        this.challenges = challenges;
    }

    public SignedProfile profileFor(String enrollmentRef, String managedAppleAccount) {
        String topic = builder.topic(); // first: a topic mismatch must not leave a SCEP challenge behind
        String challenge = challenges.issue(enrollmentRef);
        return signer.sign(builder.build(enrollmentRef, managedAppleAccount, challenge, topic), topic);
    }

    /**
     * The same enrollment profile again (PayloadIdentifier, payload identifiers and UUIDs, Topic) with
     * a new one-time challenge for its identity payload, usable for {@code challengeLifetime}: the
     * device re-installs it over InstallProfile and obtains a new identity certificate with it.
     */
    public SignedProfile renewalProfileFor(String enrollmentRef, String managedAppleAccount,
            java.time.Duration challengeLifetime) {
        String topic = builder.topic();
        String challenge = challenges.issue(enrollmentRef, challengeLifetime);
        return signer.sign(builder.build(enrollmentRef, managedAppleAccount, challenge, topic), topic);
    }
}
