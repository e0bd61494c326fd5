package io.ueledger.kernel.device;

import java.util.Locale;
import java.util.Optional;

/**
 * The Apple platforms that support account-driven User Enrollment. tvOS and watchOS have no user
 * enrollment, so they have no constant here and are refused at discovery.
 */
public enum Platform {
    IOS("iOS", OsVersion.of(15, 0)),
    IPADOS("iPadOS", OsVersion.of(15, 0)),
    MACOS("macOS", OsVersion.of(14, 0)),
    VISIONOS("visionOS", OsVersion.of(1, 1));

    private final String displayName;
    private final OsVersion accountDrivenFloor;

    Platform(String displayName, OsVersion accountDrivenFloor) {
        this.displayName = displayName;
        this.accountDrivenFloor = accountDrivenFloor;
    }

    public String displayName() {
        return displayName;
    }

    /** The first OS version that performs account-driven User Enrollment (SEED-TABLE "OS floor"). */
    public OsVersion accountDrivenFloor() {
        return accountDrivenFloor;
    }

    /**
     * Maps the {@code model-family} query parameter of service discovery (iPhone, iPad, Mac,
     * RealityDevice; AppleTV and Watch have no user enrollment).
     */
    public static Optional<Platform> fromModelFamily(String modelFamily) {
        if (modelFamily == null) {
            return Optional.empty();
        }
        return switch (modelFamily.trim().toLowerCase(Locale.ROOT)) {
            case "iphone" -> Optional.of(IOS);
            case "ipad" -> Optional.of(IPADOS);
            case "mac" -> Optional.of(MACOS);
            case "realitydevice" -> Optional.of(VISIONOS);
            default -> Optional.empty();
        };
    }

    /** Maps a MachineInfo {@code PRODUCT} / Authenticate {@code ProductName} such as {@code iPhone17,2}. */
    public static Optional<Platform> fromProduct(String product) {
        if (product == null) {
            return Optional.empty();
        }
        String p = product.trim();
        if (p.startsWith("iPhone") || p.startsWith("iPod")) {
            return Optional.of(IOS);
        }
        if (p.startsWith("iPad")) {
            return Optional.of(IPADOS);
        }
        if (p.startsWith("Mac") || p.startsWith("iMac") || p.startsWith("VirtualMac")) {
            return Optional.of(MACOS);
        }
        if (p.startsWith("RealityDevice")) {
            return Optional.of(VISIONOS);
        }
        return Optional.empty();
    }

    /** Parses the names used in the API and data files ("iOS", "IOS", "ipados", …). */
    public static Platform parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Platform platform : values()) {
            if (platform.name().toLowerCase(Locale.ROOT).equals(n)
                    || platform.displayName.toLowerCase(Locale.ROOT).equals(n)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("unknown platform '" + name + "' (expected iOS, iPadOS, macOS or visionOS)");
    }
}
