package io.ueledger.query.compliance;

import java.time.Instant;
import java.util.List;

/**
 * The fleet at a glance for a compliance officer: where enrollments stand, what was asked of
 * devices and what came of it, what the policy refused and why, and how enrollments ended.
 */
public record FleetSummary(
        Instant generatedAt,
        int enrollments,
        List<Count> byStage,
        List<Count> byPlatform,
        List<Count> byOsVersion,
        List<CommandOutcome> commands,
        List<RuleRefusals> refusalsByRule,
        Unenrollments unenrollments,
        List<PendingUnenrollment> pendingUnenrollments) {

    /** {@code key} is a stage, a platform, or "platform version". */
    public record Count(String key, long count) {
    }

    /**
     * MDM commands of one request type by where each one stands now (queued, delivered, deferred,
     * acknowledged, failed), plus the requests of that type the policy refused (never queued).
     */
    public record CommandOutcome(String requestType, long queued, long delivered, long deferred, long acknowledged,
                                 long failed, long refused) {
    }

    /** @param reason the reason given with the latest refusal under this rule */
    public record RuleRefusals(String rule, long count, String reason, String lineId, String lineText) {
    }

    /**
     * @param withKeysDestroyed  closures whose ManagedDataKeysDestroyed covers every class created at enrollment
     * @param withRemovedItems   closures with a ManagedDataRemoved listing what went with the enrollment
     * @param recent             the latest closures with their proof
     */
    public record Unenrollments(long total, List<Count> byReason, long withKeysDestroyed, long withRemovedItems,
                                List<UnenrollmentProof> recent) {
    }

    public record PendingUnenrollment(String enrollmentRef, String managedAppleAccount, Instant since,
                                      String requestedBy) {
    }
}
