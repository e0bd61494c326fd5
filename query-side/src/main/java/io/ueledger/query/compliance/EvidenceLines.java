package io.ueledger.query.compliance;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.policy.CanCannotLine;
import io.ueledger.kernel.policy.CapabilityMatrix;
import io.ueledger.kernel.policy.LineMapping;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which lines of the "MDM can / can't" table an MDM-command event is evidence for, read from the
 * capability matrix's data files (the {@code can} / {@code cannot} rows of overrides.tsv and the
 * related rules of each line), so a new row there changes the report without code.
 */
public final class EvidenceLines {

    /** The payload type per-app VPN settings come from, for profiles recorded without payload types. */
    private static final String PER_APP_VPN = "com.apple.vpn.managed.applayer";

    private final CapabilityMatrix matrix;

    public EvidenceLines(CapabilityMatrix matrix) {
        this.matrix = matrix;
    }

    /** The lines a queued (and so later delivered) command is of: its "MDM can" lines, or the "MDM can't" line it breaks. */
    public List<String> of(String requestType, Platform platform, ManagedContent content) {
        Set<String> lines = new LinkedHashSet<>();
        matrix.cannot(requestType, null, platform).map(LineMapping::lineId).ifPresent(lines::add);
        lines.addAll(matrix.canLines(requestType, null));
        for (String payloadType : payloadTypes(content)) {
            lines.addAll(matrix.canLines(requestType, payloadType));
            matrix.cannot(requestType, payloadType, platform).map(LineMapping::lineId).ifPresent(lines::add);
        }
        return List.copyOf(lines);
    }

    /**
     * The "MDM can't" lines that name a key of this request type (DeviceInformation and
     * Queries.UDID), or the request type itself where this platform allows it only in a limited
     * form (InstalledApplicationList outside macOS): sent, but only without the part the line forbids.
     * InstallProfile is left out: its forbidden payloads are counted by payload type instead.
     */
    public List<String> limitedBy(String requestType, Platform platform) {
        if ("InstallProfile".equals(requestType)) {
            return List.of();
        }
        boolean refusedOutright = matrix.cannot(requestType, null, platform).isPresent();
        Set<String> lines = new LinkedHashSet<>();
        for (CanCannotLine line : matrix.lines()) {
            if (line.side() != CanCannotLine.Side.CANNOT) {
                continue;
            }
            for (String subject : line.relatedSubjects()) {
                String[] parts = subject.split(" ", 2);
                boolean namesKey = parts.length == 2;
                if (parts[0].equals(requestType) && (namesKey || !refusedOutright)) {
                    lines.add(line.id());
                }
            }
        }
        return List.copyOf(lines);
    }

    /** The lines a refusal relates to: by its rule first, else by what was asked. */
    public List<String> ofRefusal(String rule, String requestType, Platform platform) {
        List<String> byRule = matrix.lines().stream()
                .filter(line -> rule != null && line.relatedRuleIds().contains(rule))
                .map(CanCannotLine::id)
                .toList();
        return byRule.isEmpty() ? of(requestType, platform, ManagedContent.none()) : byRule;
    }

    private static List<String> payloadTypes(ManagedContent content) {
        if (content == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>(content.payloadTypes());
        types.addAll(content.accounts());
        for (PerAppNetworkSetting setting : content.perAppNetworking()) {
            if (setting.kind() == PerAppNetworkSetting.Kind.VPN) {
                types.add(PER_APP_VPN);
            }
        }
        return new ArrayList<>(types);
    }
}
