package io.ueledger.ops.owner;

import java.util.Map;

/**
 * MDM request types in words a device owner understands: what the organisation asked the device
 * for, or tried to make it do. Unknown types fall back to their Apple name.
 */
final class PlainWords {

    private static final Map<String, String> ASKED = Map.ofEntries(
            Map.entry("DeviceInformation", "basic facts about the device (such as its model and system version)"),
            Map.entry("SecurityInfo", "the device's security settings (such as whether a passcode is set)"),
            Map.entry("ProfileList", "the list of settings profiles it installed"),
            Map.entry("ManagedApplicationList", "the list of work apps it installed"),
            Map.entry("InstalledApplicationList", "the list of work apps it installed (never your own apps)"),
            Map.entry("CertificateList", "the list of work certificates it installed"),
            Map.entry("InstallApplication", "to install a work app"),
            Map.entry("RemoveApplication", "to remove a work app"),
            Map.entry("InstallProfile", "to install a settings profile"),
            Map.entry("RemoveProfile", "to remove a settings profile"),
            Map.entry("DeviceLock", "to lock the device"),
            Map.entry("ClearPasscode", "to remove the device's passcode"),
            Map.entry("RestartDevice", "to restart the device"),
            Map.entry("ShutDownDevice", "to shut the device down"),
            Map.entry("EraseDevice", "to erase the whole device, your own data included"),
            Map.entry("Settings", "to change device settings"));

    private PlainWords() {
    }

    /** "the list of work apps it installed", "to erase the whole device ...". */
    static String request(String requestType) {
        if (requestType == null) {
            return "an unnamed request";
        }
        return ASKED.getOrDefault(requestType, "the request \u201c" + requestType + "\u201d");
    }
}
