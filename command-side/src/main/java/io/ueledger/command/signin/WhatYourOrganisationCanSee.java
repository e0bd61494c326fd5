package io.ueledger.command.signin;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.DataSeparation;
import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.util.Arrays;
import java.util.List;

/**
 * The promises of User Enrollment in a device owner's words, from the source document's
 * "MDM can / MDM can't" table and its data-separation facts (SEED-TABLE.md). Shown before sign-in
 * so consent is informed.
 */
final class WhatYourOrganisationCanSee {

    static final List<String> CAN = List.of(
            "set up work accounts (mail, calendar, contacts) for your work account",
            "see the list of work apps it installed, and only those",
            "remove work data only",
            "install and configure work apps",
            "require a passcode on the device",
            "enforce certain restrictions",
            "set up a VPN for work apps only");

    static final List<String> CANNOT = List.of(
            "see your personal information, usage data or logs",
            "see which personal apps you have",
            "remove any personal data",
            "take over management of an app you installed yourself",
            "require a complex passcode or password",
            "see where your device is",
            "see your device's serial number, IMEI or other unique identifiers",
            "erase your whole device",
            "manage Activation Lock",
            "see whether you are roaming",
            "put your device into Lost Mode");

    private WhatYourOrganisationCanSee() {
    }

    /** The work data kept apart under its own keys on this device, destroyed when you leave. */
    static List<String> separatedData(Platform platform, String osVersion) {
        if (platform == null) {
            return List.of();
        }
        if (osVersion != null) {
            try {
                return DataSeparation.classesFor(platform, OsVersion.parse(osVersion)).stream()
                        .map(DataClass::description).toList();
            } catch (IllegalArgumentException unreadable) {
                // fall through: describe it per OS version instead
            }
        }
        return Arrays.stream(DataClass.values())
                .map(c -> c.description() + " (" + platform.displayName() + " " + c.floor(platform) + " and later)")
                .toList();
    }
}
