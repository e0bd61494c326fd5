package io.ueledger.command.enrollment;

import io.ueledger.kernel.mdm.PerAppNetworkSetting;
import io.ueledger.kernel.policy.MdmCommandDecider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this MDM has put on the device and the device confirmed: profiles (with the per-app network
 * settings and accounts each carried) and managed apps. It is what unenrollment lists as removed.
 */
final class ManagedInventory implements MdmCommandDecider.Installed {

    private record ProfileContents(List<PerAppNetworkSetting> perAppNetworking, List<String> accounts) {
    }

    private final Map<String, ProfileContents> profiles = new LinkedHashMap<>();
    private final Set<String> apps = new LinkedHashSet<>();

    void profileInstalled(String identifier, List<PerAppNetworkSetting> perAppNetworking, List<String> accounts) {
        profiles.put(identifier, new ProfileContents(perAppNetworking, accounts));
    }

    void profileRemoved(String identifier) {
        profiles.remove(identifier);
    }

    @Override
    public boolean hasProfile(String identifier) {
        return profiles.containsKey(identifier);
    }

    void appInstalled(String bundleId) {
        apps.add(bundleId);
    }

    void appRemoved(String bundleId) {
        apps.remove(bundleId);
    }

    @Override
    public boolean hasApp(String bundleId) {
        return apps.contains(bundleId);
    }

    List<String> profiles() {
        return List.copyOf(profiles.keySet());
    }

    List<String> apps() {
        return List.copyOf(apps);
    }

    List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        profiles.values().forEach(p -> accounts.addAll(p.accounts()));
        return accounts;
    }

    List<PerAppNetworkSetting> perAppNetworking() {
        List<PerAppNetworkSetting> settings = new ArrayList<>();
        profiles.values().forEach(p -> settings.addAll(p.perAppNetworking()));
        return settings;
    }

    void clear() {
        profiles.clear();
        apps.clear();
    }
}
