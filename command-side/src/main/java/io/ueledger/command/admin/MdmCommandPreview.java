package io.ueledger.command.admin;

import io.ueledger.command.enrollment.ClosedEnrollment;
import io.ueledger.kernel.policy.MdmCommandDecider;
import io.ueledger.kernel.policy.PolicyDecision;
import io.ueledger.kernel.policy.PolicyRules;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The policy's verdict on an MDM command before anyone sends it, so an admin sees a refusal and
 * its rule first. The same checks and the same decision point ({@link MdmCommandDecider}) as
 * {@link MdmCommandIssuer}, but no event: a dry run leaves the ledger untouched. The enrollment's
 * inventory rules (apps bound to a per-app VPN must be managed, ...) run only when the command is
 * really sent, because only the enrollment knows what it installed.
 */
@Service
public class MdmCommandPreview {

    private static final Set<String> BAD_INPUT_RULES = Set.of(PolicyRules.INVALID_REQUEST,
            PolicyRules.UNKNOWN_REQUEST_TYPE);

    private final EnrollmentDevices devices;
    private final MdmCommandDecider decider;

    public MdmCommandPreview(EnrollmentDevices devices, MdmCommandDecider decider) {
        this.devices = devices;
        this.decider = decider;
    }

    /**
     * @throws UnknownEnrollment         no such enrollment (404)
     * @throws ClosedEnrollment the enrollment is closed (409)
     * @throws InvalidMdmCommand         the request is malformed (400)
     * @throws MdmPayloadTooLarge        the profile is too large (413)
     */
    public MdmCommandVerdict decide(String enrollmentRef, MdmCommandInput input) {
        CheckedMdmCommand checked = CheckedMdmCommand.of(devices, enrollmentRef, input);
        PolicyDecision decision = decider.evaluate(checked.request());
        if (decision.isRefused() && BAD_INPUT_RULES.contains(decision.ruleId())) {
            throw new InvalidMdmCommand(decision.reason());
        }
        return MdmCommandVerdict.of(enrollmentRef, checked.requestType(), checked.request().device(), decision);
    }
}
