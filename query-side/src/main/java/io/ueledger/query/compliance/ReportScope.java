package io.ueledger.query.compliance;

/**
 * Which enrollments a report covers, as SQL conditions on {@code compliance_evidence e} and on
 * {@code compliance_enrollment c}, with their one argument (none for the fleet).
 */
record ReportScope(String name, String subject, String evidenceCondition, String enrollmentCondition) {

    static ReportScope enrollment(String enrollmentRef) {
        return new ReportScope("enrollment", enrollmentRef, "e.enrollment_ref = ?", "c.enrollment_ref = ?");
    }

    static ReportScope account(String email) {
        return new ReportScope("account", email,
                "e.enrollment_ref in (select enrollment_ref from compliance_enrollment"
                        + " where lower(managed_apple_account) = lower(?))",
                "lower(c.managed_apple_account) = lower(?)");
    }

    static ReportScope fleet() {
        return new ReportScope("fleet", null, "true", "true");
    }

    Object[] arguments() {
        return subject == null ? new Object[0] : new Object[] {subject};
    }
}
