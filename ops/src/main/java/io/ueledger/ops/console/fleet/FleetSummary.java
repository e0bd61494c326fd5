package io.ueledger.ops.console.fleet;

import java.time.LocalDate;
import java.util.List;

/**
 * What the fleet dashboard shows: counts of the enrollment registry, refusals of the User
 * Enrollment policy per day and rule, and the devices an admin asked to unenroll that have not
 * answered yet.
 */
public record FleetSummary(
        long enrollments,
        List<Count> byStage,
        List<Count> byPlatform,
        List<Count> byOsVersion,
        List<Count> unenrollments,
        List<RefusalDay> refusals,
        List<PendingUnenrollment> pending) {

    /** One bar of a breakdown. */
    public record Count(String label, long count) {
    }

    /** How often one rule refused a command on one day (UTC). */
    public record RefusalDay(LocalDate day, String rule, long count) {
    }

    /** A device waiting for its unenrollment to complete. */
    public record PendingUnenrollment(String enrollmentRef, String managedAppleAccount, String product,
                                      java.time.Instant requestedAt) {
    }
}
