package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * InstallProfile: every payload type is checked against the matrix for the device's platform and
 * OS, every key (at any depth) against what User Enrollment forbids or ignores, the Passcode
 * payload against its allowlist. One bad payload or key refuses the whole profile, so nobody
 * believes part of it is enforced. Per-app networking payloads are listed for the caller's
 * managed-app binding check.
 */
final class ProfileInspection {

    private final CapabilityMatrix matrix;
    private final DecisionFactory decisions;
    private final KeyInspection keys;

    ProfileInspection(CapabilityMatrix matrix, DecisionFactory decisions) {
        this.matrix = matrix;
        this.decisions = decisions;
        this.keys = new KeyInspection(matrix, decisions);
    }

    PolicyDecision decide(CapabilityRow installProfileRow) {
        MdmCommandRequest request = decisions.request();
        if (request.profilePayloads().isEmpty()) {
            return decisions.refused(PolicyRules.INVALID_REQUEST,
                    "The profile has no payloads, so there is nothing to install; nothing was sent.",
                    installProfileRow.source().describe(), List.of());
        }
        List<PolicyFinding> findings = new ArrayList<>();
        List<ManagedAppBinding> bindings = new ArrayList<>();
        Set<String> lineIds = new LinkedHashSet<>();
        Map<String, Object> topLevel = new LinkedHashMap<>(request.profileTopLevel());
        topLevel.remove("PayloadContent");
        matrix.row("profile", "TopLevel", request.platform())
                .ifPresent(row -> findings.addAll(keys.inspect("TopLevel", row, topLevel, "The profile")));
        int index = 0;
        for (Map<String, Object> payload : request.profilePayloads()) {
            index++;
            Object type = payload.get("PayloadType");
            if (!(type instanceof String payloadType) || payloadType.isBlank()) {
                findings.add(new PolicyFinding(PolicyRules.INVALID_REQUEST, "payload " + index,
                        "Payload " + index + " has no PayloadType, so nobody can tell what it would change.",
                        installProfileRow.source().describe(), null));
                continue;
            }
            String what = describe(payload, payloadType);
            Optional<PolicyFinding> refusal = payloadRefusal(payloadType, what);
            if (refusal.isPresent()) {
                findings.add(refusal.get());
                continue;
            }
            CapabilityRow row = matrix.row("profile", payloadType, request.platform()).orElseThrow();
            Optional<PayloadAllowlist> allowlist = matrix.allowlist(payloadType, request.platform());
            findings.addAll(allowlist.isPresent()
                    ? PasscodeAllowlistCheck.inspect(allowlist.get(), payload, what, request.device(),
                            matrix.line(allowlist.get().lineId()).map(CanCannotLine::citation).orElse("the source document"))
                    : keys.inspect(payloadType, row, payload, what));
            matrix.bindingKind(payloadType).ifPresent(kind -> bindings.add(new ManagedAppBinding(payloadType,
                    text(payload.get("PayloadIdentifier")), text(payload.get("PayloadUUID")), kind,
                    matrix.bindingSource(payloadType).map(RowSource::describe).orElse(""))));
            lineIds.addAll(matrix.canLines("InstallProfile", payloadType));
        }
        if (!findings.isEmpty()) {
            return decisions.refused("The whole profile is refused, so nobody believes part of it is enforced. ", findings);
        }
        return decisions.allowed("The profile's " + request.profilePayloads().size() + " payload(s) are allowed under User "
                        + "Enrollment on " + request.device() + "."
                        + (bindings.isEmpty() ? "" : " Per-app networking payloads must be bound to managed apps only."),
                installProfileRow.source().describe(), bindings, List.copyOf(lineIds));
    }

    /** Why a payload type may not be installed at all on this device, if it may not. */
    private Optional<PolicyFinding> payloadRefusal(String payloadType, String what) {
        MdmCommandRequest request = decisions.request();
        Platform platform = request.platform();
        Optional<LineMapping> cannot = matrix.cannot("InstallProfile", payloadType, platform);
        if (cannot.isPresent()) {
            return Optional.of(decisions.lineFinding(cannot.get(), what, what + " is in the profile"));
        }
        if (!matrix.knows("profile", payloadType)) {
            return Optional.of(new PolicyFinding(PolicyRules.UNKNOWN_PAYLOAD_TYPE, what,
                    what + " is a payload type the capability matrix does not know, so nobody has checked what it"
                            + " would change on a personal device.", CapabilityMatrix.CAPABILITIES, null));
        }
        Optional<CapabilityRow> found = matrix.row("profile", payloadType, platform);
        if (found.isEmpty()) {
            return Optional.of(new PolicyFinding(PolicyRules.NOT_ON_PLATFORM, what,
                    what + " does not exist on " + platform.displayName() + ".", CapabilityMatrix.CAPABILITIES, null));
        }
        CapabilityRow row = found.get();
        if (!row.support().allowsSending()) {
            return Optional.of(new PolicyFinding(PolicyRules.SCHEMA_FORBIDDEN, what,
                    what + " is not allowed under User Enrollment on " + platform.displayName()
                            + " (Apple's device-management schema forbids it).", row.source().describe(), null));
        }
        if (row.introduced() != null && !request.osVersion().isAtLeast(row.introduced())) {
            return Optional.of(new PolicyFinding(PolicyRules.OS_FLOOR, what,
                    what + " needs " + platform.displayName() + " " + row.introduced()
                            + " or later under User Enrollment; this device runs " + request.device() + ".",
                    row.source().describe(), null));
        }
        return Optional.empty();
    }

    private static String describe(Map<String, Object> payload, String payloadType) {
        Object name = payload.get("PayloadDisplayName");
        return name instanceof String s && !s.isBlank()
                ? "Payload '" + s + "' (" + payloadType + ")"
                : "Payload " + payloadType;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
