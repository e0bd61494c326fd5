package io.ueledger.kernel.policy;

import io.ueledger.kernel.device.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether an MDM command may be sent to a user-enrolled device, as asked, narrowed or
 * not at all, from the {@link CapabilityMatrix}. Pure and stateless: the same request and matrix
 * always give the same decision, so the aggregate can decide before anything is queued and an
 * auditor can re-check every decision later.
 *
 * <p>Checks the caller must still make, because they need the device's state: that a
 * {@code RemoveApplication} names a managed app, and that each {@link ManagedAppBinding} of an
 * allowed profile binds managed apps only.
 */
public final class UserEnrollmentPolicy {

    private static final List<String> MDM_INSTALLED_LISTS = List.of("ProfileList", "CertificateList",
            "ProvisioningProfileList");

    private final CapabilityMatrix matrix;

    public UserEnrollmentPolicy(CapabilityMatrix matrix) {
        this.matrix = matrix;
    }

    /** The policy over the matrix shipped in this module. */
    public static UserEnrollmentPolicy standard() {
        return new UserEnrollmentPolicy(CapabilityMatrix.standard());
    }

    public CapabilityMatrix matrix() {
        return matrix;
    }

    public PolicyDecision evaluate(MdmCommandRequest request) {
        DecisionFactory decisions = new DecisionFactory(request, matrix);
        String type = request.requestType();
        Platform platform = request.platform();
        if (type.isEmpty()) {
            return decisions.refused(PolicyRules.INVALID_REQUEST,
                    "The request names no MDM command (its RequestType is empty); nothing was sent.", "", List.of());
        }
        Optional<CapabilityRow> found = matrix.row("command", type, platform);
        Optional<LineMapping> cannot = matrix.cannot(type, null, platform);
        if (cannot.isPresent()) {
            return decisions.refusedByLine(cannot.get(), found.orElse(null));
        }
        if (!matrix.knows("command", type)) {
            return decisions.refused(PolicyRules.UNKNOWN_REQUEST_TYPE,
                    "'" + type + "' is not an MDM command the capability matrix knows, so nobody has checked what it"
                            + " would do to a personal device; nothing was sent.", CapabilityMatrix.CAPABILITIES, List.of());
        }
        if (found.isEmpty()) {
            return decisions.refused(PolicyRules.NOT_ON_PLATFORM,
                    "'" + type + "' is not an MDM command " + platform.displayName() + " devices accept; nothing was sent.",
                    CapabilityMatrix.CAPABILITIES, List.of());
        }
        CapabilityRow row = found.get();
        if (!row.support().allowsSending()) {
            return decisions.refused(PolicyRules.SCHEMA_FORBIDDEN,
                    "User Enrollment does not allow '" + type + "' on " + platform.displayName()
                            + " devices (Apple's device-management schema forbids it for user enrollment); nothing was sent.",
                    row.source().describe(), List.of());
        }
        if (row.introduced() != null && !request.osVersion().isAtLeast(row.introduced())) {
            return decisions.refused(PolicyRules.OS_FLOOR,
                    "'" + type + "' needs " + platform.displayName() + " " + row.introduced()
                            + " or later under User Enrollment; this device runs " + request.device() + ".",
                    row.source().describe(), List.of());
        }
        if (type.equals("DeviceInformation")) {
            return new DeviceInformationNarrowing(matrix, decisions).decide(row);
        }
        if (type.equals("InstallProfile")) {
            return new ProfileInspection(matrix, decisions).decide(row);
        }
        if (type.equals("InstalledApplicationList")) {
            return managedAppsOnly(decisions, row);
        }
        if (MDM_INSTALLED_LISTS.contains(type)) {
            return mdmInstalledOnly(decisions, row);
        }
        return checkedKeys(decisions, row);
    }

    private PolicyDecision checkedKeys(DecisionFactory decisions, CapabilityRow row) {
        MdmCommandRequest request = decisions.request();
        Map<String, Object> tree = request.arguments();
        if (request.requestType().equals("Settings")) {
            Optional<Map<String, Object>> items = settingsByItem(request.arguments());
            if (items.isEmpty()) {
                return decisions.refused(PolicyRules.INVALID_REQUEST,
                        "Settings needs a 'Settings' list of dictionaries, each naming its 'Item'; nothing was sent.",
                        row.source().describe(), List.of());
            }
            tree = items.get();
        }
        String what = "'" + request.requestType() + "'";
        List<PolicyFinding> findings = new KeyInspection(matrix, decisions).inspect(request.requestType(), row, tree, what);
        if (!findings.isEmpty()) {
            return decisions.refused("", findings);
        }
        String limitation = row.withheldResponseKeys().isEmpty() ? ""
                : " The device leaves these out of its answer under User Enrollment: "
                        + row.withheldResponseKeys().stream().map(KeyRule::path).collect(Collectors.joining(", ")) + ".";
        return decisions.allowed("'" + request.requestType() + "' is allowed under User Enrollment on " + request.device()
                + "." + limitation, row.source().describe(), List.of(), matrix.canLines(request.requestType(), null));
    }

    /** The Settings command addressed as Settings.&lt;Item&gt;.&lt;key&gt;, the way the matrix names its keys. */
    private static Optional<Map<String, Object>> settingsByItem(Map<String, Object> arguments) {
        if (!(arguments.get("Settings") instanceof List<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> byItem = new LinkedHashMap<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> item) || !(item.get("Item") instanceof String name)) {
                return Optional.empty();
            }
            Map<Object, Object> rest = new LinkedHashMap<>(item);
            rest.remove("Item");
            byItem.put(name, rest);
        }
        return Optional.of(Map.of("Settings", byItem));
    }

    private PolicyDecision managedAppsOnly(DecisionFactory decisions, CapabilityRow row) {
        MdmCommandRequest request = decisions.request();
        List<String> lines = lineIds("can.managed-app-inventory", "cannot.personal-app-inventory");
        String why = "a user-enrolled device only reveals apps in its managed space; User Enrollment cannot access the"
                + " inventory of personal apps";
        if (Boolean.TRUE.equals(request.arguments().get("ManagedAppsOnly"))) {
            return decisions.allowed("InstalledApplicationList limited to managed apps is allowed on " + request.device()
                    + "; " + why + ".", row.source().describe(), List.of(), lines);
        }
        Map<String, Object> arguments = new LinkedHashMap<>(request.arguments());
        arguments.put("ManagedAppsOnly", Boolean.TRUE);
        String narrowing = "Limited to managed apps (ManagedAppsOnly=true).";
        return decisions.narrowed(PolicyRules.MANAGED_APPS_ONLY, narrowing + " On " + request.device() + " " + why + ".",
                row.source().describe(), request.withArguments(arguments), narrowing, List.of(), lines);
    }

    private PolicyDecision mdmInstalledOnly(DecisionFactory decisions, CapabilityRow row) {
        MdmCommandRequest request = decisions.request();
        Map<String, Object> arguments = new LinkedHashMap<>(request.arguments());
        String narrowing = "Answer limited to items MDM installed; a user-enrolled device never lists the user's own.";
        if (!request.requestType().equals("ProvisioningProfileList")) {
            // The device limits the answer anyway; asking for it makes the ledger say what was asked.
            arguments.put("ManagedOnly", Boolean.TRUE);
            narrowing = "Limited to items MDM installed (ManagedOnly=true); a user-enrolled device never lists the user's own.";
        }
        return decisions.narrowed(PolicyRules.MDM_INSTALLED_ONLY, "'" + request.requestType() + "' on "
                        + request.device() + ": " + narrowing + " " + row.notes(),
                row.source().describe(), request.withArguments(arguments), narrowing, List.of(), List.of());
    }

    private List<String> lineIds(String... ids) {
        List<String> known = new ArrayList<>();
        for (String id : ids) {
            matrix.line(id).ifPresent(line -> known.add(line.id()));
        }
        return known;
    }
}
