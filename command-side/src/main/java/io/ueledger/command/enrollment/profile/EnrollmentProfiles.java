package io.ueledger.command.enrollment.profile;

import io.ueledger.command.acme.AcmeEligibility;
import io.ueledger.command.acme.ClientIdentifiers;
import io.ueledger.command.scep.ScepChallenges;
import io.ueledger.kernel.device.Platform;
import org.springframework.stereotype.Service;

/**
 * The enrollment profile for one enrollment, with a fresh one-time credential bound to it: a
 * ClientIdentifier for ACME when ACME is switched on and the device's OS supports it, else a SCEP
 * challenge. The caller records {@code DeliverEnrollmentProfile} with the returned identifiers and digest.
 */
@Service
public class EnrollmentProfiles {

    private final EnrollmentProfileBuilder builder;
    private final EnrollmentProfileSigner signer;
    private final ScepChallenges challenges;
    private final ClientIdentifiers clientIdentifiers;
    private final AcmeEligibility acme;

    public EnrollmentProfiles(EnrollmentProfileBuilder builder, EnrollmentProfileSigner signer,
            ScepChallenges challenges, ClientIdentifiers clientIdentifiers, AcmeEligibility acme) {
        this.builder = builder;
        this.signer = signer;
        this.challenges = challenges;
        this.clientIdentifiers = clientIdentifiers;
        this.acme = acme;
    }

    /** A SCEP profile, whatever the device. */
    public SignedProfile profileFor(String enrollmentRef, String managedAppleAccount) {
        return profileFor(enrollmentRef, managedAppleAccount, null, null);
    }

    /** @param platform and osVersion as the device stated them in its enrollment request (null: unknown) */
    public SignedProfile profileFor(String enrollmentRef, String managedAppleAccount, Platform platform,
                                    String osVersion) {
        String topic = builder.topic(); // first: a topic mismatch must not leave a one-time credential behind
        IdentityPayload identity = acme.forDevice(platform, osVersion)
                .<IdentityPayload>map(key -> new IdentityPayload.Acme(clientIdentifiers.issue(enrollmentRef),
                        key.hardwareBound(), key.attest()))
                .orElseGet(() -> new IdentityPayload.Scep(challenges.issue(enrollmentRef)));
        return signer.sign(builder.build(enrollmentRef, managedAppleAccount, identity, topic), topic);
    }
}
