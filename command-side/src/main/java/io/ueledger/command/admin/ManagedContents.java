package io.ueledger.command.admin;

import io.ueledger.kernel.mdm.ManagedContent;
import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.policy.ManagedAppBinding;
import io.ueledger.kernel.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an allowed command will add to or remove from the device once acknowledged, so the ledger
 * can record it then without reading the command body again.
 */
final class ManagedContents {

    /** Payload keys that name the app(s) a per-app networking payload works for or through. */
    private static final List<String> APP_KEYS = List.of("AppBundleIdentifier", "ProviderBundleIdentifier",
            "FilterDataProviderBundleIdentifier", "PluginBundleID");

    private ManagedContents() {
    }

    static ManagedContent of(String requestType, Map<String, Object> arguments, PolicyDecision decision,
                             ProfileDocument profile, List<String> boundApps) {
        return switch (requestType) {
            case "InstallProfile" -> profile(decision, profile, boundApps);
            case "RemoveProfile" -> ManagedContent.removesProfile(required(arguments, "Identifier", requestType));
            case "InstallApplication" -> ManagedContent.installsApp(appOf(arguments));
            case "RemoveApplication" -> ManagedContent.removesApp(required(arguments, "Identifier", requestType));
            default -> ManagedContent.none();
        };
    }

    private static ManagedContent profile(PolicyDecision decision, ProfileDocument profile, List<String> boundApps) {
        List<PerAppNetworkSetting> settings = new ArrayList<>();
        for (ManagedAppBinding binding : decision.managedAppBindings()) {
            Map<String, Object> payload = profile.payloads().stream()
                    .filter(p -> Objects.equals(p.get("PayloadUUID"), binding.payloadUuid())
                            && Objects.equals(p.get("PayloadIdentifier"), binding.payloadIdentifier()))
                    .findFirst().orElse(Map.of());
            Set<String> apps = new LinkedHashSet<>(namedApps(payload));
            apps.addAll(boundApps);
            settings.add(new PerAppNetworkSetting(binding.kind(), binding.payloadIdentifier(), List.copyOf(apps)));
        }
        List<String> payloadTypes = profile.payloads().stream()
                .map(p -> p.get("PayloadType"))
                .filter(String.class::isInstance).map(String.class::cast)
                .toList();
        List<String> accounts = payloadTypes.stream().filter(ManagedContents::isAccount).toList();
        // the payload types let compliance views prove what a profile carried (passcode, restrictions…)
        return ManagedContent.installsProfile(profile.identifier(), settings, accounts, payloadTypes);
    }

    /** The apps a payload itself names: macOS app-to-VPN mappings and provider / filter apps. */
    private static List<String> namedApps(Map<String, Object> payload) {
        List<String> apps = new ArrayList<>();
        if (payload.get("AppLayerVPNMapping") instanceof List<?> mappings) {
            for (Object mapping : mappings) {
                if (mapping instanceof Map<?, ?> m && m.get("Identifier") instanceof String id) {
                    apps.add(id);
                }
            }
        }
        for (String key : APP_KEYS) {
            if (payload.get(key) instanceof String id && !id.isBlank()) {
                apps.add(id);
            }
        }
        return apps;
    }

    private static boolean isAccount(String payloadType) {
        return payloadType.endsWith(".account") || payloadType.equals("com.apple.mail.managed")
                || payloadType.equals("com.apple.google-oauth");
    }

    private static String appOf(Map<String, Object> arguments) {
        if (arguments.get("Identifier") instanceof String id && !id.isBlank()) {
            return id;
        }
        Object storeId = arguments.get("iTunesStoreID");
        if (storeId instanceof Number || (storeId instanceof String s && !s.isBlank())) {
            return String.valueOf(storeId);
        }
        throw new InvalidMdmCommand("InstallApplication needs 'Identifier' (the app's bundle id) or 'iTunesStoreID',"
                + " so the ledger knows which managed app it installs");
    }

    private static String required(Map<String, Object> arguments, String key, String requestType) {
        if (arguments.get(key) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw new InvalidMdmCommand(requestType + " needs '" + key + "'");
    }
}
