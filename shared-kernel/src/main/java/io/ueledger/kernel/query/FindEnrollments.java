package io.ueledger.kernel.query;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.EnrollmentStage;

/**
 * One page of the enrollment registry, newest request first. Every filter is optional (null means
 * "any"); {@code osVersionPrefix} matches whole version parts, so "17" finds 17.4.1 but not 170.
 */
public record FindEnrollments(
        EnrollmentStage stage,
        Platform platform,
        String managedAppleAccount,
        String osVersionPrefix,
        int page,
        int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public FindEnrollments {
        PageRules.check(page, size);
        if (managedAppleAccount != null && managedAppleAccount.isBlank()) {
            managedAppleAccount = null;
        }
        if (osVersionPrefix != null) {
            osVersionPrefix = osVersionPrefix.trim();
            if (osVersionPrefix.isEmpty()) {
                osVersionPrefix = null;
            } else if (!osVersionPrefix.matches("\\d+(\\.\\d+){0,2}")) {
                throw new IllegalArgumentException("osVersion '" + osVersionPrefix
                        + "' is not a version prefix such as 17 or 17.4 or 17.4.1");
            }
        }
    }
}
