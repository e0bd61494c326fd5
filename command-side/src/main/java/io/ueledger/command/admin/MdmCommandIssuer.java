package io.ueledger.command.admin;

import io.ueledger.command.enrollment.ClosedEnrollment;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.command.mdm.MdmCommandBodies;
import io.ueledger.command.mdm.MdmCommandPlist;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.IssueMdmCommand;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.MdmCommandDecision;
import io.ueledger.kernel.policy.MdmCommandDecider;
import io.ueledger.kernel.policy.MdmCommandRequest;
import io.ueledger.kernel.policy.PolicyDecision;
import io.ueledger.kernel.policy.PolicyRules;
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
 * Sends one admin-requested MDM command to one enrollment, the only way a command reaches an
 * enrollment (admin API, batches, console, DDM sync; the simulator drives the admin API): asks
 * the {@link MdmCommandDecider} about it for the device's platform and OS version, builds the
 * (possibly narrowed) command body, and issues it with the policy's outcome; the enrollment
 * completes the decision with its inventory and records a refusal (by either rule set) the same
 * way. The body and the queuing commit together, and the push follows from the queued event.
 */
@Service
public class MdmCommandIssuer {

    private static final Logger log = LoggerFactory.getLogger(MdmCommandIssuer.class);

    /** Refusals that say the request is malformed rather than forbidden: a 400, not an event. */
    private static final Set<String> BAD_INPUT_RULES = Set.of(PolicyRules.INVALID_REQUEST,
            PolicyRules.UNKNOWN_REQUEST_TYPE);

    private final EnrollmentDevices devices;
    private final MdmCommandDecider decider;
    private final CommandGateway commands;
    private final MdmCommandBodies bodies;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public MdmCommandIssuer(EnrollmentDevices devices, MdmCommandDecider decider, CommandGateway commands,
                            MdmCommandBodies bodies, TransactionTemplate transactions, Clock clock) {
        this.devices = devices;
        this.decider = decider;
        this.commands = commands;
        this.bodies = bodies;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @throws UnknownEnrollment          no such enrollment (404)
     * @throws ClosedEnrollment  the enrollment is closed (409)
     * @throws EnrollmentRuleViolation    the device has not reported its OS version yet (409)
     * @throws InvalidMdmCommand          the request is malformed (400)
     * @throws MdmPayloadTooLarge         the profile is too large (413)
     * @throws MdmCommandRefusal          refused, and the refusal recorded (422)
     */
    public MdmCommandAccepted issue(String enrollmentRef, MdmCommandInput input, String requestedBy) {
        CheckedMdmCommand checked = CheckedMdmCommand.of(devices, enrollmentRef, input);
        String requestType = checked.requestType();
        PolicyDecision decision = decider.evaluate(checked.request());
        if (decision.isRefused() && BAD_INPUT_RULES.contains(decision.ruleId())) {
            throw new InvalidMdmCommand(decision.reason());
        }
        if (decision.isRefused()) {
            MdmCommandDecision refusal = commands.sendAndWait(IssueMdmCommand.refusedByPolicy(enrollmentRef,
                    requestType, requestedBy, MdmCommandDecider.outcome(decision), clock.instant()));
            throw refused(enrollmentRef, requestType, refusal, decision);
        }
        MdmCommandRequest toSend = decision.requestToSend().orElseThrow();
        ProfileDocument profile = checked.profile();
        ManagedContent content = ManagedContents.of(requestType, toSend.arguments(), decision, profile,
                input.boundApps());
        String commandUuid = UUID.randomUUID().toString().toUpperCase();
        Map<String, Object> bodyArguments = new LinkedHashMap<>(toSend.arguments());
        if (profile != null) {
            bodyArguments.put("Payload", profile.bytes());
        }
        byte[] body = MdmCommandPlist.build(commandUuid, requestType, bodyArguments);
        Instant now = clock.instant();
        MdmCommandDecision outcome = transactions.execute(tx -> {
            MdmCommandDecision result = commands.sendAndWait(new IssueMdmCommand(enrollmentRef, commandUuid,
                    requestType, Channel.DEVICE, content, digest(body), requestedBy, decision.narrowing(),
                    MdmCommandDecider.outcome(decision), now));
            if (result != null && result.allowed()) {
                bodies.store(commandUuid, enrollmentRef, requestType, body, now);
            }
            return result;
        });
        if (outcome == null || outcome.refused()) {
            throw refused(enrollmentRef, requestType, outcome, decision);
        }
        log.info("MDM command {} {} queued for {} by {} ({}{})", requestType, commandUuid, enrollmentRef, requestedBy,
                decision.verdict(), decision.narrowing() == null ? "" : ": " + decision.narrowing());
        return new MdmCommandAccepted(commandUuid, enrollmentRef, requestType, decision.verdict(), decision.ruleId(),
                decision.reason(), decision.narrowing(), decision.source(), decision.matrixVersion(),
                decision.findings());
    }

    /** The refusal the enrollment recorded, as the exception the API and console answer 422 with. */
    private static MdmCommandRefusal refused(String enrollmentRef, String requestType, MdmCommandDecision refusal,
                                             PolicyDecision policy) {
        if (refusal == null) {
            return new MdmCommandRefusal(enrollmentRef, requestType, "", "", "refused", policy.matrixVersion(),
                    List.of());
        }
        log.info("MDM command {} for {} refused by {} ({})", requestType, enrollmentRef, refusal.rule(),
                refusal.source());
        return new MdmCommandRefusal(enrollmentRef, requestType, refusal.rule(), refusal.source(), refusal.reason(),
                policy.matrixVersion(), policy.isRefused() ? policy.findings() : List.of());
    }

    private static String digest(byte[] body) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
