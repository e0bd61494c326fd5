package io.ueledger.command.ddm;

/** Where a set goes: one enrollment, every enrolled device of a Managed Apple Account, or a selector of platform / OS prefix. */
public record AssignmentInput(String enrollmentRef, String account, String platform, String osVersion) {

    boolean isEmpty() {
        return blank(enrollmentRef) && blank(account) && blank(platform) && blank(osVersion);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
