package io.ueledger.kernel.enrollment;

/**
 * A check-in and command channel of one enrollment. Every enrollment has the device channel; a Mac
 * also has a user channel per EnrollmentUserID, under the same aggregate.
 */
public record Channel(String enrollmentUserId) {

    public static final Channel DEVICE = new Channel(null);

    public static Channel user(String enrollmentUserId) {
        if (enrollmentUserId == null || enrollmentUserId.isBlank()) {
            throw new IllegalArgumentException("a user channel needs an EnrollmentUserID");
        }
        return new Channel(enrollmentUserId);
    }

    public static Channel of(String enrollmentUserIdOrNull) {
        return enrollmentUserIdOrNull == null || enrollmentUserIdOrNull.isBlank() ? DEVICE : user(enrollmentUserIdOrNull);
    }

    public boolean isUserChannel() {
        return enrollmentUserId != null;
    }

    @Override
    public String toString() {
        return isUserChannel() ? "user:" + enrollmentUserId : "device";
    }
}
