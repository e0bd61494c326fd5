package io.ueledger.kernel.mdm;

/**
 * Whether an MDM command may go to a user-enrolled device: allowed, or refused by a named rule with
 * the source that rule comes from and plain words for the admin. It is the one outcome of
 * {@code io.ueledger.kernel.policy.MdmCommandDecider}, whether the User Enrollment policy (platform
 * and OS version) or the enrollment's inventory (what this MDM installed) decided; the enrollment
 * records every refusal from it as {@link MdmCommandRefused}.
 */
public record MdmCommandDecision(boolean allowed, String rule, String source, String reason) {

    public MdmCommandDecision {
        if (!allowed && (rule == null || rule.isBlank())) {
            throw new IllegalArgumentException("a refusal names the rule that refused");
        }
    }

    public static MdmCommandDecision allow() {
        return new MdmCommandDecision(true, null, null, null);
    }

    public static MdmCommandDecision refuse(String rule, String source, String reason) {
        return new MdmCommandDecision(false, rule, source, reason);
    }

    public boolean refused() {
        return !allowed;
    }
}
