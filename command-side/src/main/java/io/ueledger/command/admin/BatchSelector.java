package io.ueledger.command.admin;

/**
 * Which enrolled devices a group command goes to. Set {@code all} to true for every enrolled
 * device, or any of the filters (combined with "and"); an empty selector is refused so nobody
 * sends to the whole fleet by accident.
 *
 * @param account   a Managed Apple Account (any case)
 * @param platform  iOS, iPadOS, macOS or visionOS
 * @param osVersion a version prefix of whole parts: "17" matches 17.4.1, "17.4" matches 17.4 and 17.4.x
 */
public record BatchSelector(Boolean all, String account, String platform, String osVersion) {

    boolean isEmpty() {
        return !Boolean.TRUE.equals(all) && blank(account) && blank(platform) && blank(osVersion);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
