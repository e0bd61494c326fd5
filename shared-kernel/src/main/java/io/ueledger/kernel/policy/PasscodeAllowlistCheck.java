package io.ueledger.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A payload limited to an allowlist (the Passcode payload): any key beyond the list, or a value
 * stricter than the limit, asks for more than User Enrollment can require; a value the device
 * would not honour (allowSimple=true, forcePIN=false) is refused as ignored.
 */
final class PasscodeAllowlistCheck {

    private PasscodeAllowlistCheck() {
    }

    static List<PolicyFinding> inspect(PayloadAllowlist allowlist, Map<String, Object> payload, String what,
                                       String device, String lineCitation) {
        List<PolicyFinding> findings = new ArrayList<>();
        String source = allowlist.source().describe();
        String tooComplex = " " + allowlist.reason() +  " (source document: " + lineCitation + ").";
        for (Map.Entry<String, Object> entry : payload.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("Payload")) {
                continue;
            }
            Optional<KeyRule> rule = allowlist.keys().stream().filter(r -> r.path().equals(key)).findFirst();
            Object value = entry.getValue();
            if (rule.isEmpty()) {
                findings.add(new PolicyFinding(allowlist.ruleId(), what + " " + key,
                        what + " sets '" + key + "'." + tooComplex, source, allowlist.lineId()));
                continue;
            }
            switch (rule.get().constraint()) {
                case MAX -> {
                    if (!(value instanceof Number n) || n.longValue() > rule.get().limit()) {
                        findings.add(new PolicyFinding(allowlist.ruleId(), what + " " + key,
                                what + " sets '" + key + "' to " + value + " (at most " + rule.get().limit()
                                        + " allowed)." + tooComplex, source, allowlist.lineId()));
                    }
                }
                case ONLY_TRUE, ONLY_FALSE -> {
                    boolean wanted = rule.get().constraint() == KeyRule.Constraint.ONLY_TRUE;
                    if (!Boolean.valueOf(wanted).equals(value)) {
                        findings.add(new PolicyFinding(PolicyRules.IGNORED_KEY, what + " " + key,
                                what + " sets '" + key + "' to " + value + ", which a user-enrolled device on " + device
                                        + " does not honour (it always requires a non-simple passcode); refused so"
                                        + " nobody believes it is enforced.", source, allowlist.lineId()));
                    }
                }
                default -> findings.add(new PolicyFinding(allowlist.ruleId(), what + " " + key,
                        what + " sets '" + key + "'." + tooComplex, source, allowlist.lineId()));
            }
        }
        return findings;
    }
}
