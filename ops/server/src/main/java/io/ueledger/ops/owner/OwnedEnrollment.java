package io.ueledger.ops.owner;

import io.ueledger.kernel.enrollment.EnrollmentStage;
import io.ueledger.kernel.query.EnrollmentView;
import java.time.Instant;

/** One of the owner's enrollments as their list shows it: the device, since when, and where it stands. */
public record OwnedEnrollment(String ref, String model, String system, Instant since, String state, boolean closed,
                       Instant closedAt) {

    static OwnedEnrollment of(EnrollmentView view) {
        String platform = view.platform() == null ? "Apple device" : view.platform().displayName();
        String model = view.product() != null ? view.product()
                : view.modelFamily() != null ? view.modelFamily() : platform;
        String system = platform + (view.osVersion() == null ? "" : " " + view.osVersion());
        Instant since = view.enrolledAt() != null ? view.enrolledAt() : view.requestedAt();
        return new OwnedEnrollment(view.enrollmentRef(), model, system, since, state(view.stage()),
                view.stage() == EnrollmentStage.CLOSED, view.closedAt());
    }

    static String state(EnrollmentStage stage) {
        if (stage == null) {
            return "Unknown";
        }
        return switch (stage) {
            case ENROLLED -> "Enrolled: your organisation manages work data on it";
            case UNENROLLMENT_PENDING -> "Being removed: your organisation asked the device to remove its work data";
            case CLOSED -> "Ended: work data removed";
            default -> "Enrolling (not finished)";
        };
    }
}
