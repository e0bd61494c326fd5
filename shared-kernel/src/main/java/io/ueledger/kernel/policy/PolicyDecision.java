package io.ueledger.kernel.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The User Enrollment policy's answer for one requested MDM command.
 *
 * @param ruleId            a stable rule id such as {@code ue.cannot.remote-wipe} or {@code ue.os-floor}
 * @param reason            plain words for a compliance officer
 * @param source            the matrix file line(s) and upstream document behind the decision
 * @param matrixVersion     the matrix version that decided
 * @param narrowedRequest   for NARROWED: the request to send instead (null otherwise)
 * @param narrowing         for NARROWED: what was taken out or limited (null otherwise)
 * @param findings          each removed or refused key / payload, in request order
 * @param managedAppBindings payloads the caller must check are bound to managed apps only
 * @param lineIds           the "MDM can / can't" lines this decision exercises or cites
 */
public record PolicyDecision(
        Verdict verdict,
        String ruleId,
        String reason,
        String source,
        String matrixVersion,
        MdmCommandRequest request,
        MdmCommandRequest narrowedRequest,
        String narrowing,
        List<PolicyFinding> findings,
        List<ManagedAppBinding> managedAppBindings,
        List<String> lineIds) {

    public PolicyDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(ruleId, "ruleId");
        findings = List.copyOf(findings);
        managedAppBindings = List.copyOf(managedAppBindings);
        lineIds = List.copyOf(lineIds);
        if ((verdict == Verdict.NARROWED) != (narrowedRequest != null)) {
            throw new IllegalArgumentException("a narrowed request goes with, and only with, a NARROWED verdict");
        }
    }

    public boolean isRefused() {
        return verdict == Verdict.REFUSED;
    }

    /** What to queue: the narrowed request, the original one, or nothing when refused. */
    public Optional<MdmCommandRequest> requestToSend() {
        return switch (verdict) {
            case ALLOWED -> Optional.of(request);
            case NARROWED -> Optional.of(narrowedRequest);
            case REFUSED -> Optional.empty();
        };
    }
}
