package io.ueledger.command.admin;

import io.ueledger.command.enrollment.EnrollmentClosedException;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.mdm.MdmCommandPlist;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.identity.RenewIdentity;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandIssue;
import io.ueledger.kernel.mdm.RecordMdmCommandRefusal;
import io.ueledger.kernel.policy.MdmCommandRequest;
import io.ueledger.kernel.policy.PolicyDecision;
import io.ueledger.kernel.policy.PolicyRules;
import io.ueledger.kernel.policy.UserEnrollmentPolicy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one admin-requested MDM command to one enrollment: asks the User Enrollment policy about
 * it for the device's platform and OS version, records a refusal in the ledger, or builds the
 * (possibly narrowed) command body and queues it; the body and the queuing commit together, and
 * the push follows from the queued event.
 */
@Service
public class MdmCommandIssuer {

    private static final Logger log = LoggerFactory.getLogger(MdmCommandIssuer.class);

    /** Refusals that say the request is malformed rather than forbidden: a 400, not an event. */
    private static final Set<String> BAD_INPUT_RULES = Set.of(PolicyRules.INVALID_REQUEST,
            PolicyRules.UNKNOWN_REQUEST_TYPE);

    private final EnrollmentDevices devices;
    private final UserEnrollmentPolicy policy;
    private final CommandGateway commands;
    private final MdmCommandBodies bodies;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public MdmCommandIssuer(EnrollmentDevices devices, UserEnrollmentPolicy policy, CommandGateway commands,
                            MdmCommandBodies bodies, TransactionTemplate transactions, Clock clock) {
        this.devices = devices;
        this.policy = policy;
        this.commands = commands;
        this.bodies = bodies;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @throws UnknownEnrollment          no such enrollment (404)
     * @throws EnrollmentClosedException  the enrollment is closed (409)
     * @throws InvalidMdmCommand          the request is malformed (400)
     * @throws MdmPayloadTooLarge         the profile is too large (413)
     * @throws MdmCommandRefusal          refused, and the refusal recorded (422)
     */
    public MdmCommandAccepted issue(String enrollmentRef, MdmCommandInput input, String requestedBy) {
        return issue(enrollmentRef, input, requestedBy, q -> new IssueMdmCommand(enrollmentRef, q.commandUuid(),
                q.requestType(), Channel.DEVICE, q.content(), q.payloadDigest(), requestedBy, q.narrowing(), q.at()));
    }

    /**
     * The identity renewal's InstallProfile of a fresh enrollment profile: the same checks and policy
     * decision as an admin's InstallProfile, then {@link RenewIdentity}, which queues it only when the
     * enrollment finds the renewal due (an admin cannot send the enrollment profile).
     *
     * @param signedProfile the renewal profile, as {@code EnrollmentProfiles#renewalProfileFor} made it
     * @throws MdmCommandRefusal the policy refused it (recorded) or the enrollment found it not due (not recorded)
     */
    public MdmCommandAccepted issueIdentityRenewal(String enrollmentRef, byte[] signedProfile, RenewalTerms terms) {
        MdmCommandInput input = new MdmCommandInput("InstallProfile", Map.of(),
                java.util.Base64.getEncoder().encodeToString(signedProfile), List.of());
        return issue(enrollmentRef, input, IDENTITY_RENEWAL, q -> new RenewIdentity(enrollmentRef, q.commandUuid(),
                q.content(), q.payloadDigest(), IDENTITY_RENEWAL, terms.window(), terms.retryInterval(),
                terms.maxAttempts(), q.at()));
    }

    /** Who the history names as asking for the renewal profile. */
    public static final String IDENTITY_RENEWAL = "ue-ledger identity renewal";

    /** When a renewal is due and how often it is tried. */
    public record RenewalTerms(java.time.Duration window, java.time.Duration retryInterval, int maxAttempts) {
    }

    /** What the aggregate command that queues an allowed command is made of. */
    private record Allowed(String commandUuid, String requestType, ManagedContent content, String payloadDigest,
                           String narrowing, Instant at) {
    }

    private MdmCommandAccepted issue(String enrollmentRef, MdmCommandInput input, String requestedBy,
                                     java.util.function.Function<Allowed, Object> queueCommand) {
        EnrollmentDevice device = devices.find(enrollmentRef).orElseThrow(() -> new UnknownEnrollment(enrollmentRef));
        if (device.closed()) {
            throw new EnrollmentClosedException("enrollment " + enrollmentRef + " is closed; no MDM command can be sent"
                    + " to it any more");
        }
        if (device.platform() == null || device.osVersion() == null) {
            throw new EnrollmentRuleViolation("the device of enrollment "
                    + enrollmentRef + " has not reported its OS version yet, so no MDM command can be checked against"
                    + " the User Enrollment policy");
        }
        String requestType = input.requestType() == null ? "" : input.requestType().trim();
        if (requestType.isEmpty()) {
            throw new InvalidMdmCommand("'requestType' is missing: name the MDM command, e.g. DeviceInformation");
        }
        Map<String, Object> arguments = CommandArguments.checked(input.arguments());
        ProfileDocument profile = null;
        if (requestType.equals("InstallProfile")) {
            if (arguments.containsKey("Payload")) {
                throw new InvalidMdmCommand("send the profile as 'payload' (base64) next to 'arguments', not inside it");
            }
            profile = ProfileReader.read(input.payload());
        } else if (input.payload() != null) {
            throw new InvalidMdmCommand("'payload' is for InstallProfile only; " + requestType + " takes 'arguments'");
        }
        PolicyDecision decision = policy.evaluate(request(requestType, device, arguments, profile));
        if (decision.isRefused()) {
            if (BAD_INPUT_RULES.contains(decision.ruleId())) {
                throw new InvalidMdmCommand(decision.reason());
            }
            commands.sendAndWait(new RecordMdmCommandRefusal(enrollmentRef, requestType, requestedBy,
                    decision.ruleId(), decision.source(), decision.reason(), clock.instant()));
            throw new MdmCommandRefusal(enrollmentRef, requestType, decision.ruleId(), decision.source(),
                    decision.reason(), decision.matrixVersion(), decision.findings());
        }
        MdmCommandRequest toSend = decision.requestToSend().orElseThrow();
        ManagedContent content = ManagedContents.of(requestType, toSend.arguments(), decision, profile,
                input.boundApps());
        String commandUuid = UUID.randomUUID().toString().toUpperCase();
        Map<String, Object> bodyArguments = new LinkedHashMap<>(toSend.arguments());
        if (profile != null) {
            bodyArguments.put("Payload", profile.bytes());
        }
        byte[] body = MdmCommandPlist.build(commandUuid, requestType, bodyArguments);
        Instant now = clock.instant();
        MdmCommandIssue issue = transactions.execute(tx -> {
            MdmCommandIssue result = commands.sendAndWait(queueCommand.apply(new Allowed(commandUuid, requestType,
                    content, digest(body), decision.narrowing(), now)));
            if (result.queued()) {
                bodies.store(commandUuid, enrollmentRef, requestType, body, now);
            }
            return result;
        });
        if (issue == null || !issue.queued()) {
            throw new MdmCommandRefusal(enrollmentRef, requestType, issue == null ? "" : issue.rule(),
                    issue == null ? "" : issue.source(), issue == null ? "refused" : issue.reason(),
                    decision.matrixVersion(), List.of());
        }
        log.info("MDM command {} {} queued for {} by {} ({}{})", requestType, commandUuid, enrollmentRef, requestedBy,
                decision.verdict(), decision.narrowing() == null ? "" : ": " + decision.narrowing());
        return new MdmCommandAccepted(commandUuid, enrollmentRef, requestType, decision.verdict(), decision.ruleId(),
                decision.reason(), decision.narrowing(), decision.source(), decision.matrixVersion(),
                decision.findings());
    }

    private static MdmCommandRequest request(String requestType, EnrollmentDevice device, Map<String, Object> arguments,
                                             ProfileDocument profile) {
        Platform platform = device.platform();
        return profile == null
                ? MdmCommandRequest.of(requestType, platform, device.osVersion(), arguments)
                : new MdmCommandRequest(requestType, platform, device.osVersion(), arguments, profile.topLevel(),
                        profile.payloads());
    }

    private static String digest(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
