package io.ueledger.command.enrollment.web;

import io.ueledger.command.discovery.DiscoveryToken;
import io.ueledger.command.discovery.DiscoveryTokens;
import io.ueledger.command.enrollment.profile.EnrollmentProfiles;
import io.ueledger.command.enrollment.profile.SignedProfile;
import io.ueledger.command.enrollment.request.EnrollmentRequest;
import io.ueledger.command.enrollment.request.EnrollmentRequestReader;
import io.ueledger.command.enrollment.request.MachineInfo;
import io.ueledger.command.session.SessionTokens;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.DeliverEnrollmentProfile;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stages 1 to 4 at the BaseURL (SPEC.md sections 3 to 5). The first signed POST gives birth to the
 * enrollment and challenges the user to sign in; the same POST with a valid session token gets the
 * signed BYOD profile. Every answer is decided after the body's signature and the discovery link
 * were verified, so nothing unsigned or forged ever reaches the ledger.
 */
@Service
public class EnrollmentRequests {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentRequests.class);

    private final DiscoveryTokens discoveryTokens;
    private final EnrollmentRequestReader reader;
    private final SessionTokens sessionTokens;
    private final EnrollmentChallenges challenges;
    private final EnrollmentProfiles profiles;
    private final CommandGateway commands;
    private final Clock clock;

    public EnrollmentRequests(DiscoveryTokens discoveryTokens, EnrollmentRequestReader reader,
                              SessionTokens sessionTokens, EnrollmentChallenges challenges, EnrollmentProfiles profiles,
                              CommandGateway commands, Clock clock) {
        this.discoveryTokens = discoveryTokens;
        this.reader = reader;
        this.sessionTokens = sessionTokens;
        this.challenges = challenges;
        this.profiles = profiles;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * @param discoveryLink the token in the BaseURL path
     * @param body          the raw body, whatever the Content-Type said
     * @param bearerToken   the session token from {@code Authorization: Bearer}, or null
     */
    @Transactional
    public EnrollmentAnswer answer(String discoveryLink, byte[] body, String bearerToken) {
        // The link's lifetime covers the start of the flow (the first POST); after that the session
        // token binds the request, so a slow sign-in does not strand the device.
        DiscoveryToken discovery = verifyLink(discoveryTokens.verifyIgnoringExpiry(discoveryLink));
        EnrollmentRequest request = reader.read(body);
        if (bearerToken != null) {
            SessionTokens.Verification verification = sessionTokens.verify(bearerToken);
            if (verification instanceof SessionTokens.Verification.Valid valid) {
                if (discovery.isFor(valid.managedAppleAccount())) {
                    if (discovery.expired()) {
                        log.info("Enrollment {}: discovery link expired during the sign-in; the valid session "
                                + "token binds the request", valid.enrollmentRef());
                    }
                    return deliverProfile(valid, request.machineInfo());
                }
                log.info("Enrollment POST refused a session token of {} on a link discovered for another account; "
                        + "challenging again", valid.enrollmentRef());
            } else if (verification instanceof SessionTokens.Verification.Expired expired) {
                log.info("Session token of enrollment {} expired; challenging the user to sign in again",
                        expired.enrollmentRef());
                return new EnrollmentAnswer.Challenge(expired.enrollmentRef(),
                        challenges.header(expired.enrollmentRef()));
            } else {
                log.info("Enrollment POST with an unknown session token; starting a new enrollment");
            }
        }
        if (discovery.expired()) {
            throw new EnrollmentLinkRefused("this enrollment link has expired; start the enrollment again from "
                    + "Settings");
        }
        return challenge(discovery, request);
    }

    private static DiscoveryToken verifyLink(DiscoveryTokens.Verification verification) {
        if (verification instanceof DiscoveryTokens.Verification.Valid valid) {
            return valid.token();
        }
        throw new EnrollmentLinkRefused("this enrollment link is not valid ("
                + ((DiscoveryTokens.Verification.Refused) verification).reason()
                + "); start the enrollment again from Settings");
    }

    private EnrollmentAnswer challenge(DiscoveryToken discovery, EnrollmentRequest request) {
        MachineInfo machine = request.machineInfo();
        Platform platform = Platform.fromProduct(machine.product())
                .or(() -> Platform.fromModelFamily(discovery.modelFamily()))
                .orElse(null);
        String enrollmentRef = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestEnrollment(enrollmentRef, discovery.userIdentifierDomain(),
                discovery.modelFamily(), platform, machine.product(), machine.osVersion(), machine.version(),
                machine.language(), request.signerSubject(), request.bodyDigest(), challenges.method(),
                request.signerEvidence(), clock.instant()));
        log.info("Enrollment {} requested by {} for {} (signer {}: {}); user challenged to sign in", enrollmentRef,
                machine.product(), discovery.userIdentifierDomain(), request.signerEvidence().verdict(),
                request.signerSubject());
        return new EnrollmentAnswer.Challenge(enrollmentRef, challenges.header(enrollmentRef));
    }

    /** @param machine what the device states in this request: its OS decides between ACME and SCEP */
    private EnrollmentAnswer deliverProfile(SessionTokens.Verification.Valid token, MachineInfo machine) {
        SignedProfile profile = profiles.profileFor(token.enrollmentRef(), token.managedAppleAccount(),
                Platform.fromProduct(machine.product()).orElse(null), machine.osVersion());
        commands.sendAndWait(new DeliverEnrollmentProfile(token.enrollmentRef(), token.tokenId(),
                profile.profileIdentifier(), profile.profileUuid(), profile.topic(), profile.payloadDigest(),
                clock.instant()));
        log.info("Enrollment profile {} delivered to enrollment {}", profile.profileIdentifier(), token.enrollmentRef());
        return new EnrollmentAnswer.Profile(token.enrollmentRef(), profile);
    }
}
