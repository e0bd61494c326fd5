package io.ueledger.kernel.ddm;

/**
 * The User Enrollment policy's answer for one declaration on one device.
 *
 * @param rule   null when allowed; otherwise one of the {@code DeclarationPolicy} rule ids
 * @param source the data row (and schema file) the decision rests on
 */
public record DeclarationDecision(boolean allowed, String rule, String source, String reason) {

    static DeclarationDecision allow(String source) {
        return new DeclarationDecision(true, null, source, null);
    }

    static DeclarationDecision refuse(String rule, String source, String reason) {
        return new DeclarationDecision(false, rule, source, reason);
    }
}
