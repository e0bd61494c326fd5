package io.ueledger.kernel.query;

import java.util.List;

/** One page of {@link FindEnrollments}; {@code total} counts every match, not just this page. */
public record EnrollmentPage(List<EnrollmentView> items, int page, int size, long total) {
}
