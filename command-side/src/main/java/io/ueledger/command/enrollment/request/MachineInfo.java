package io.ueledger.command.enrollment.request;

/**
 * What a user-enrolling device says about itself in its signed enrollment request (Apple's
 * MachineInfo). Never an identifier of the hardware: a body carrying one is refused.
 *
 * @param language                  LANGUAGE, e.g. {@code en-US}
 * @param product                   PRODUCT, e.g. {@code iPhone17,2} (required)
 * @param version                   VERSION, the OS build, e.g. {@code 22C161}
 * @param osVersion                 OS_VERSION, e.g. {@code 18.2.1} (iOS 17 / macOS 14 and later)
 * @param supplementalBuildVersion  SUPPLEMENTAL_BUILD_VERSION (Rapid Security Response builds)
 * @param supplementalOsVersionExtra SUPPLEMENTAL_OS_VERSION_EXTRA, e.g. {@code (a)}
 */
public record MachineInfo(
        String language,
        String product,
        String version,
        String osVersion,
        String supplementalBuildVersion,
        String supplementalOsVersionExtra) {
}
