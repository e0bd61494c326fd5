package io.ueledger.kernel.mdm;

import java.util.List;

/**
 * What an MDM command adds to or removes from the device's managed state once the device
 * acknowledges it, so that the aggregate can record the change without reading the command body.
 *
 * @param payloadTypes InstallProfile only: the PayloadType of each payload the profile carries, so
 *                     compliance views can tell a passcode or restrictions profile from others
 *                     without the body; empty when not known (events recorded before it existed)
 */
public record ManagedContent(Effect effect, String identifier, List<PerAppNetworkSetting> perAppNetworking,
                             List<String> accounts, List<String> payloadTypes) {

    public enum Effect { NONE, INSTALLS_PROFILE, REMOVES_PROFILE, INSTALLS_APP, REMOVES_APP }

    public ManagedContent {
        if (effect == null) {
            effect = Effect.NONE;
        }
        if (effect != Effect.NONE && (identifier == null || identifier.isBlank())) {
            throw new IllegalArgumentException(effect + " needs the identifier of the profile or app");
        }
        perAppNetworking = perAppNetworking == null ? List.of() : List.copyOf(perAppNetworking);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        payloadTypes = payloadTypes == null ? List.of() : List.copyOf(payloadTypes);
    }

    /** Without payload types, as written before they were recorded. */
    public ManagedContent(Effect effect, String identifier, List<PerAppNetworkSetting> perAppNetworking,
                          List<String> accounts) {
        this(effect, identifier, perAppNetworking, accounts, List.of());
    }

    public static ManagedContent none() {
        return new ManagedContent(Effect.NONE, null, List.of(), List.of());
    }

    public static ManagedContent installsProfile(String identifier, List<PerAppNetworkSetting> perAppNetworking,
                                                 List<String> accounts) {
        return new ManagedContent(Effect.INSTALLS_PROFILE, identifier, perAppNetworking, accounts);
    }

    public static ManagedContent installsProfile(String identifier, List<PerAppNetworkSetting> perAppNetworking,
                                                 List<String> accounts, List<String> payloadTypes) {
        return new ManagedContent(Effect.INSTALLS_PROFILE, identifier, perAppNetworking, accounts, payloadTypes);
    }

    public static ManagedContent removesProfile(String identifier) {
        return new ManagedContent(Effect.REMOVES_PROFILE, identifier, List.of(), List.of());
    }

    public static ManagedContent installsApp(String bundleId) {
        return new ManagedContent(Effect.INSTALLS_APP, bundleId, List.of(), List.of());
    }

    public static ManagedContent removesApp(String bundleId) {
        return new ManagedContent(Effect.REMOVES_APP, bundleId, List.of(), List.of());
    }
}
