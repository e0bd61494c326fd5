package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * DeviceInformation: keeps the query keys a user-enrolled device answers on its platform and
 * removes the rest (identifiers, personal and carrier data, roaming, activation lock, keys the
 * platform lacks, keys the matrix does not know), naming each removal's rule. Nothing left means
 * nothing to ask: refused.
 */
final class DeviceInformationNarrowing {

    private final CapabilityMatrix matrix;
    private final DecisionFactory decisions;

    DeviceInformationNarrowing(CapabilityMatrix matrix, DecisionFactory decisions) {
        this.matrix = matrix;
        this.decisions = decisions;
    }

    PolicyDecision decide(CapabilityRow row) {
        MdmCommandRequest request = decisions.request();
        Object queries = request.arguments().get("Queries");
        if (!(queries instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(q -> q instanceof String)) {
            return decisions.refused(PolicyRules.INVALID_REQUEST,
                    "DeviceInformation needs a non-empty 'Queries' list of query names; nothing was sent.",
                    row.source().describe(), List.of());
        }
        Platform platform = request.platform();
        List<String> kept = new ArrayList<>();
        List<PolicyFinding> removed = new ArrayList<>();
        for (Object item : list) {
            String key = (String) item;
            Optional<QueryKeyRow> known = matrix.queryKey(key);
            Optional<LineMapping> cannot = matrix.cannot("DeviceInformation", "Queries." + key, platform);
            if (cannot.isPresent()) {
                removed.add(decisions.lineFinding(cannot.get(), "Queries." + key, "query '" + key + "' removed"));
            } else if (known.isEmpty()) {
                removed.add(new PolicyFinding(PolicyRules.QUERY_UNKNOWN, "Queries." + key,
                        "Query '" + key + "' is not in the capability matrix, so nobody has checked it is safe to ask"
                                + " a personal device; removed.", CapabilityMatrix.QUERIES, null));
            } else if (known.get().answeredOn(platform)) {
                if (!kept.contains(key)) {
                    kept.add(key);
                }
            } else if ("forbidden".equals(known.get().status(platform))) {
                removed.add(new PolicyFinding(PolicyRules.QUERY_FORBIDDEN, "Queries." + key,
                        "A user-enrolled " + platform.displayName() + " device does not answer query '" + key + "'"
                                + (known.get().note().isEmpty() ? "" : " (" + known.get().note().replaceAll("\\.$", "") + ")")
                                + "; removed.", known.get().source().describe(), null));
            } else {
                removed.add(new PolicyFinding(PolicyRules.QUERY_NOT_AVAILABLE, "Queries." + key,
                        "Query '" + key + "' does not exist on " + platform.displayName() + "; removed.",
                        known.get().source().describe(), null));
            }
        }
        if (removed.isEmpty()) {
            return decisions.allowed("DeviceInformation with only queries a user-enrolled device answers is allowed on "
                    + request.device() + ".", row.source().describe() + "; " + CapabilityMatrix.QUERIES, List.of(), List.of());
        }
        if (kept.isEmpty()) {
            return decisions.refused("None of the requested queries may be asked of a personal device, so nothing is sent. ",
                    removed);
        }
        Map<String, Object> arguments = new LinkedHashMap<>(request.arguments());
        arguments.put("Queries", List.copyOf(kept));
        String names = removed.stream().map(PolicyFinding::subject).map(s -> s.substring("Queries.".length()))
                .collect(Collectors.joining(", "));
        String narrowing = "Removed " + removed.size() + " of " + list.size() + " queries: " + names
                + "; still asked: " + String.join(", ", kept) + ".";
        return decisions.narrowed(removed.get(0).ruleId(),
                narrowing + " " + removed.stream().map(PolicyFinding::reason).collect(Collectors.joining(" ")),
                DecisionFactory.sources(removed), request.withArguments(arguments), narrowing, removed,
                DecisionFactory.lineIds(removed));
    }
}
