package io.ueledger.kernel.device;

import java.util.EnumMap;
import java.util.Map;

/**
 * The kinds of managed data that a user-enrolled device keeps under separate encryption keys,
 * destroyed at unenrollment. Floors per platform from the source document (SEED-TABLE.md,
 * "Unenrollment").
 */
public enum DataClass {
    APP_DATA_CONTAINERS("app data containers", floors("16.0", "16.1", "13.0", "1.1")),
    CALENDAR("calendar", floors("16.0", "16.1", "13.0", "1.1")),
    KEYCHAIN("keychain items", floors("17.0", "17.0", "14.0", "1.1")),
    MAIL("mail attachments and bodies", floors("17.0", "17.0", "14.0", "1.1")),
    NOTES("notes", floors("17.0", "17.0", "14.0", "1.1")),
    REMINDERS("reminders", floors("17.0", "17.0", "14.0", "1.1"));

    private final String description;
    private final Map<Platform, OsVersion> floors;

    DataClass(String description, Map<Platform, OsVersion> floors) {
        this.description = description;
        this.floors = floors;
    }

    public String description() {
        return description;
    }

    /** Whether a device of this platform and OS version keeps this class under its own key. */
    public boolean separatedOn(Platform platform, OsVersion version) {
        return version.isAtLeast(floors.get(platform));
    }

    public OsVersion floor(Platform platform) {
        return floors.get(platform);
    }

    private static Map<Platform, OsVersion> floors(String ios, String ipados, String macos, String visionos) {
        Map<Platform, OsVersion> map = new EnumMap<>(Platform.class);
        map.put(Platform.IOS, OsVersion.parse(ios));
        map.put(Platform.IPADOS, OsVersion.parse(ipados));
        map.put(Platform.MACOS, OsVersion.parse(macos));
        map.put(Platform.VISIONOS, OsVersion.parse(visionos));
        return map;
    }
}
