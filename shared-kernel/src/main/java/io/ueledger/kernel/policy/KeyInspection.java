package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.Platform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the keys of a command or payload against its matrix row: keys User Enrollment forbids
 * or ignores (at any depth), keys it requires, and keys an "MDM can't" line names.
 */
final class KeyInspection {

    private final CapabilityMatrix matrix;
    private final DecisionFactory decisions;

    KeyInspection(CapabilityMatrix matrix, DecisionFactory decisions) {
        this.matrix = matrix;
        this.decisions = decisions;
    }

    /**
     * @param identifier the request type or payload type whose row and "can't" keys apply
     * @param what       how the reason names the request or payload, e.g. {@code 'InstallApplication'}
     */
    List<PolicyFinding> inspect(String identifier, CapabilityRow row, Map<String, ?> tree, String what) {
        Platform platform = decisions.request().platform();
        String device = decisions.request().device();
        List<String> paths = NestedKeys.paths(tree);
        List<PolicyFinding> findings = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (LineMapping mapping : matrix.cannotKeys(identifier, platform)) {
            firstMatch(paths, mapping.subject()).ifPresent(path -> {
                covered.add(mapping.subject());
                findings.add(decisions.lineFinding(mapping, what + " " + path, what + " carries '" + path + "'"));
            });
        }
        for (KeyRule rule : row.keyRules()) {
            if (covered.contains(rule.path())) {
                continue;
            }
            switch (rule.constraint()) {
                case FORBIDDEN -> firstMatch(paths, rule.path()).ifPresent(path -> findings.add(new PolicyFinding(
                        PolicyRules.FORBIDDEN_KEY, what + " " + path,
                        what + " sets '" + path + "', which User Enrollment forbids on " + device
                                + " (Apple's device-management schema).",
                        row.source().describe(), null)));
                case IGNORED -> firstMatch(paths, rule.path()).ifPresent(path -> findings.add(new PolicyFinding(
                        PolicyRules.IGNORED_KEY, what + " " + path,
                        what + " sets '" + path + "', which a user-enrolled " + platform.displayName()
                                + " device ignores; it is refused so nobody believes it is enforced.",
                        row.source().describe(), null)));
                case REQUIRED -> {
                    if (!Boolean.TRUE.equals(tree.get(rule.path()))) {
                        findings.add(new PolicyFinding(
                                row.ruleId() == null ? PolicyRules.REQUIRED_KEY : row.ruleId(),
                                what + " " + rule.path(),
                                what + " must set '" + rule.path() + "' to true on " + device
                                        + (row.reason() == null ? "." : ": " + row.reason() + "."),
                                row.source().describe(), row.lineId()));
                    }
                }
                default -> {
                    // value limits (only-true, only-false, max) are used by payload allowlists only
                }
            }
        }
        return findings;
    }

    private static Optional<String> firstMatch(List<String> paths, String rulePath) {
        return paths.stream().filter(path -> NestedKeys.matches(path, rulePath)).findFirst();
    }

}
