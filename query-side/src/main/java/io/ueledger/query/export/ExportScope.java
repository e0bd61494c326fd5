package io.ueledger.query.export;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Which events a bundle holds, as an SQL condition on {@code domainevententry e} with its arguments.
 *
 * @param name      {@code enrollment}, {@code account} or {@code range}
 * @param subject   the enrollment reference, the account address, or "from/to" for a range
 * @param condition selects the events in scope
 * @param arguments the condition's arguments
 */
record ExportScope(String name, String subject, String condition, Object[] arguments) {

    private static final String TIME = "cast(e.timestamp as timestamptz)";

    static ExportScope enrollment(String enrollmentRef) {
        return new ExportScope("enrollment", enrollmentRef, "e.aggregateidentifier = ?", new Object[] {enrollmentRef});
    }

    /** Every enrollment of one Managed Apple Account (address compared without case), as the compliance views know them. */
    static ExportScope account(String email) {
        return new ExportScope("account", email, "e.aggregateidentifier in (select enrollment_ref from "
                + "compliance_enrollment where lower(managed_apple_account) = lower(?))", new Object[] {email});
    }

    /** Every event stamped in {@code [from, to)}, whatever its enrollment. */
    static ExportScope range(Instant from, Instant to) {
        return new ExportScope("range", from + "/" + to, TIME + " >= ? and " + TIME + " < ?",
                new Object[] {Timestamp.from(from), Timestamp.from(to)});
    }

    boolean isRange() {
        return name.equals("range");
    }
}
