package io.ueledger.kernel.query;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.unenrollment.ClosureReason;
import java.time.Instant;

/** An enrollment as the registry shows it: where it stands and the facts people search by. */
public record EnrollmentView(
        String enrollmentRef,
        EnrollmentStage stage,
        Platform platform,
        String osVersion,
        String product,
        String managedAppleAccount,
        String enrollmentId,
        String userIdentifierDomain,
        String modelFamily,
        Instant requestedAt,
        Instant enrolledAt,
        Instant closedAt,
        ClosureReason closureReason,
        Instant unenrollmentRequestedAt,
        Instant lastEventAt,
        long lastSequence) {
}
