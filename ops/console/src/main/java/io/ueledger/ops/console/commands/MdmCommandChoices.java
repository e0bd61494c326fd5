package io.ueledger.ops.console.commands;

import java.util.List;

/**
 * The MDM commands the console's form offers. Forbidden ones are listed on purpose: the point of
 * the form is that the admin sees the policy refuse them, with the rule, before anything is sent.
 * InstallProfile needs a profile file and stays with the API for now.
 */
public final class MdmCommandChoices {

    public static final List<String> REQUEST_TYPES = List.of(
            "DeviceInformation", "SecurityInfo", "ProfileList", "ManagedApplicationList", "InstalledApplicationList",
            "CertificateList", "InstallApplication", "RemoveApplication", "RemoveProfile", "DeviceLock",
            "ClearPasscode", "RestartDevice", "EraseDevice");

    private MdmCommandChoices() {
    }
}
