package io.ueledger.command.admin;

import io.ueledger.kernel.policy.PolicyFinding;
import io.ueledger.kernel.policy.Verdict;
import java.util.List;

/** The 202 answer: the command is queued (the device gets a push), with the policy's decision. */
public record MdmCommandAccepted(
        String commandUuid,
        String enrollmentRef,
        String requestType,
        Verdict verdict,
        String rule,
        String reason,
        String narrowing,
        String source,
        String matrixVersion,
        List<PolicyFinding> findings) {
}
