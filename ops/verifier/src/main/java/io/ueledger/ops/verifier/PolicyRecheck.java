package io.ueledger.ops.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.policy.MdmCommandRequest;
import io.ueledger.kernel.policy.PolicyDecision;
import io.ueledger.kernel.policy.PolicyRules;
import io.ueledger.kernel.policy.UserEnrollmentPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-decides every queued and delivered MDM command of a bundle with the kernel's User Enrollment
 * policy, on the platform and OS version the enrollment's own events (in the bundle, proved like
 * the rest) say the device ran at that moment. Events must be fed in ledger order.
 *
 * <p>A bundle carries a command's request type and, for profiles, its payload types, not its keys
 * (which may hold personal data and are not in the events). So only what those decide is
 * re-checked: a command or payload type the matrix forbids, or that the platform or OS version
 * does not allow, is a violation; refusals that depend on keys cannot be re-decided offline.
 */
final class PolicyRecheck {

    /** Refusals that the request type, payload types, platform and OS alone decide. */
    private static final Set<String> TYPE_LEVEL_RULES = Set.of(PolicyRules.UNKNOWN_REQUEST_TYPE,
            PolicyRules.NOT_ON_PLATFORM, PolicyRules.SCHEMA_FORBIDDEN, PolicyRules.OS_FLOOR,
            PolicyRules.UNKNOWN_PAYLOAD_TYPE);

    private record Device(Platform platform, OsVersion osVersion) {
    }

    private final UserEnrollmentPolicy policy;
    private final Map<String, Device> devices = new HashMap<>();
    private final Map<String, List<String>> payloadTypesByCommand = new HashMap<>();
    private int checked;

    PolicyRecheck(UserEnrollmentPolicy policy) {
        this.policy = policy;
    }

    int checked() {
        return checked;
    }

    /** @return a problem sentence when the event shows a command the matrix refuses */
    Optional<String> accept(String payloadType, String aggregateId, JsonNode payload) {
        String type = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        switch (type) {
            case "EnrollmentRequested", "DeviceAuthenticated", "DeviceEnrolled" -> {
                remember(aggregateId, payload);
                return Optional.empty();
            }
            case "MdmCommandQueued" -> {
                List<String> payloadTypes = new ArrayList<>();
                payload.path("content").path("payloadTypes").forEach(t -> payloadTypes.add(t.asText()));
                payloadTypesByCommand.put(payload.path("commandUuid").asText(), payloadTypes);
                return check("queued", aggregateId, payload);
            }
            case "MdmCommandDelivered" -> {
                return check("delivered", aggregateId, payload);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private void remember(String aggregateId, JsonNode payload) {
        Device known = devices.get(aggregateId);
        Platform platform = known == null ? null : known.platform();
        OsVersion os = known == null ? null : known.osVersion();
        try {
            if (payload.hasNonNull("platform")) {
                platform = Platform.parse(payload.get("platform").asText());
            }
            if (payload.hasNonNull("osVersion") && !"null".equals(payload.get("osVersion").asText())) {
                os = OsVersion.parse(payload.get("osVersion").asText());
            }
        } catch (IllegalArgumentException e) {
            return; // an unreadable value leaves what was known; a command on it is reported as not checkable
        }
        devices.put(aggregateId, new Device(platform, os));
    }

    private Optional<String> check(String what, String aggregateId, JsonNode payload) {
        String requestType = payload.path("requestType").asText("");
        Device device = devices.get(aggregateId);
        if (device == null || device.platform() == null || device.osVersion() == null) {
            return Optional.of("MDM command " + requestType + " was " + what + ", but the bundle does not say on which "
                    + "platform and OS version enrollment " + aggregateId + " ran, so it cannot be re-checked");
        }
        checked++;
        MdmCommandRequest request = requestType.equals("InstallProfile")
                ? MdmCommandRequest.installProfile(device.platform(), device.osVersion(),
                        payloadTypesByCommand.getOrDefault(payload.path("commandUuid").asText(), List.of()).stream()
                                .map(t -> Map.<String, Object>of("PayloadType", t)).toList())
                : MdmCommandRequest.of(requestType, device.platform(), device.osVersion());
        PolicyDecision decision = policy.evaluate(request);
        boolean typeLevel = TYPE_LEVEL_RULES.contains(decision.ruleId())
                || decision.findings().stream().anyMatch(f -> f.lineId() != null);
        if (decision.isRefused() && typeLevel) {
            return Optional.of("POLICY VIOLATION: MDM command " + requestType + " was " + what + (what.equals("queued") ? " for " : " to ")
                    + request.device() + ", which the capability matrix " + decision.matrixVersion() + " refuses ("
                    + decision.ruleId() + "): " + decision.reason());
        }
        return Optional.empty();
    }
}
