package io.ueledger.command.admin;

import io.ueledger.kernel.policy.PolicyDecision;
import io.ueledger.kernel.policy.PolicyFinding;
import io.ueledger.kernel.policy.Verdict;
import java.util.List;

/**
 * What the User Enrollment policy would decide about a command for one device, without sending
 * it (a dry run): nothing is queued and nothing is recorded.
 *
 * @param device "iOS 18.2": the platform and OS version the decision was made for
 */
public record MdmCommandVerdict(
        String enrollmentRef,
        String requestType,
        String device,
        Verdict verdict,
        String rule,
        String reason,
        String narrowing,
        String source,
        String matrixVersion,
        List<PolicyFinding> findings) {

    static MdmCommandVerdict of(String enrollmentRef, String requestType, String device, PolicyDecision decision) {
        return new MdmCommandVerdict(enrollmentRef, requestType, device, decision.verdict(), decision.ruleId(),
                decision.reason(), decision.narrowing(), decision.source(), decision.matrixVersion(),
                decision.findings());
    }
}
