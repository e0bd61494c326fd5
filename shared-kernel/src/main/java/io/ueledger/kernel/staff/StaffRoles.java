package io.ueledger.kernel.staff;

/**
 * The roles of the people who run the ledger, by the names the security rules and the console use:
 * admins change things, compliance officers read and export. Device owners have neither.
 */
public final class StaffRoles {

    public static final String ADMIN = "ADMIN";
    public static final String COMPLIANCE = "COMPLIANCE";

    private StaffRoles() {
    }
}
