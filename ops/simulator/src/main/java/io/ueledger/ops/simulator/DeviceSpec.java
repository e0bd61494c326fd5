package io.ueledger.ops.simulator;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.util.Locale;

/**
 * What a simulated device is: its platform and OS, the MachineInfo it reports, and the person who
 * enrolls it (the Managed Apple Account typed in Settings and the password at the identity provider).
 */
public record DeviceSpec(Platform platform, String osVersion, String product, String build, String language,
                         String userIdentifier, String password, String enrollmentUserId) {

    public static DeviceSpec of(Platform platform, String osVersion, String userIdentifier, String password) {
        OsVersion version = OsVersion.parse(osVersion);
        return switch (platform) {
            case IOS -> new DeviceSpec(platform, osVersion, "iPhone17,2", build(version), "en-US", userIdentifier,
                    password, null);
            case IPADOS -> new DeviceSpec(platform, osVersion, "iPad16,3", build(version), "en-GB", userIdentifier,
                    password, null);
            case MACOS -> new DeviceSpec(platform, osVersion, "Mac15,3", build(version), "de-DE", userIdentifier,
                    password, "B5C1E0E4-0F5A-4B3C-9A61-" + Long.toHexString(Double.doubleToLongBits(Math.random()))
                    .toUpperCase(Locale.ROOT).substring(0, 12));
            case VISIONOS -> new DeviceSpec(platform, osVersion, "RealityDevice14,1", build(version), "fr-FR",
                    userIdentifier, password, null);
        };
    }

    /** The model-family a device sends at service discovery. */
    public String modelFamily() {
        return switch (platform) {
            case IOS -> "iPhone";
            case IPADOS -> "iPad";
            case MACOS -> "Mac";
            case VISIONOS -> "RealityDevice";
        };
    }

    /** A Mac enrolls a user channel beside its device channel. */
    public boolean hasUserChannel() {
        return enrollmentUserId != null;
    }

    private static String build(OsVersion version) {
        return (version.major() + 4) + "A" + (100 + version.minor() * 10 + version.patch());
    }
}
