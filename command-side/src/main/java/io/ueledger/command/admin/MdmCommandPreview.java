package io.ueledger.command.admin;

import io.ueledger.command.enrollment.EnrollmentClosedException;
import io.ueledger.command.enrollment.EnrollmentRuleViolation;
import io.ueledger.kernel.policy.MdmCommandRequest;
import io.ueledger.kernel.policy.PolicyDecision;
import io.ueledger.kernel.policy.PolicyRules;
import io.ueledger.kernel.policy.UserEnrollmentPolicy;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The policy's verdict on an MDM command before anyone sends it, so an admin sees a refusal and
 * its rule first. The same checks and the same policy call as {@link MdmCommandIssuer}, but no
 * event: a dry run leaves the ledger untouched. The enrollment's own inventory check (apps bound to
 * a per-app VPN must be managed) runs only when the command is really sent.
 */
@Service
public class MdmCommandPreview {

    private static final Set<String> BAD_INPUT_RULES = Set.of(PolicyRules.INVALID_REQUEST,
            PolicyRules.UNKNOWN_REQUEST_TYPE);

    private final EnrollmentDevices devices;
    private final UserEnrollmentPolicy policy;

    public MdmCommandPreview(EnrollmentDevices devices, UserEnrollmentPolicy policy) {
        this.devices = devices;
        this.policy = policy;
    }

    /**
     * @throws UnknownEnrollment         no such enrollment (404)
     * @throws EnrollmentClosedException the enrollment is closed (409)
     * @throws InvalidMdmCommand         the request is malformed (400)
     * @throws MdmPayloadTooLarge        the profile is too large (413)
     */
    public MdmCommandVerdict decide(String enrollmentRef, MdmCommandInput input) {
        EnrollmentDevice device = devices.find(enrollmentRef).orElseThrow(() -> new UnknownEnrollment(enrollmentRef));
        if (device.closed()) {
            throw new EnrollmentClosedException("enrollment " + enrollmentRef + " is closed; no MDM command can be sent"
                    + " to it any more");
        }
        if (device.platform() == null || device.osVersion() == null) {
            throw new EnrollmentRuleViolation("the device of enrollment " + enrollmentRef + " has not reported its OS"
                    + " version yet, so no MDM command can be checked against the User Enrollment policy");
        }
        String requestType = input.requestType() == null ? "" : input.requestType().trim();
        if (requestType.isEmpty()) {
            throw new InvalidMdmCommand("'requestType' is missing: name the MDM command, e.g. DeviceInformation");
        }
        Map<String, Object> arguments = CommandArguments.checked(input.arguments());
        MdmCommandRequest request;
        if (requestType.equals("InstallProfile")) {
            ProfileDocument profile = ProfileReader.read(input.payload());
            request = new MdmCommandRequest(requestType, device.platform(), device.osVersion(), arguments,
                    profile.topLevel(), profile.payloads());
        } else {
            request = MdmCommandRequest.of(requestType, device.platform(), device.osVersion(), arguments);
        }
        PolicyDecision decision = policy.evaluate(request);
        if (decision.isRefused() && BAD_INPUT_RULES.contains(decision.ruleId())) {
            throw new InvalidMdmCommand(decision.reason());
        }
        return MdmCommandVerdict.of(enrollmentRef, requestType, request.device(), decision);
    }
}
