package io.ueledger.command.acme;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a device gets its identity over ACME, and with which key settings, per Apple's schema for
 * {@code com.apple.security.acme}: the payload exists from iOS/iPadOS 16.0, macOS 13.1 and visionOS 1.0;
 * a hardware-bound key (Secure Enclave) and {@code Attest} from macOS 14 on a Mac, on every supported
 * iPhone, iPad and Vision Pro. Anything older, or an OS version the device did not state, keeps SCEP.
 */
@Component
public class AcmeEligibility {

    /** The key the profile asks the device for. */
    public record KeyPolicy(boolean hardwareBound, boolean attest) {
    }

    private final AcmeProperties properties;

    public AcmeEligibility(AcmeProperties properties) {
        this.properties = properties;
    }

    public Optional<KeyPolicy> forDevice(Platform platform, String osVersion) {
        if (!properties.enabled() || platform == null || osVersion == null) {
            return Optional.empty();
        }
        OsVersion version;
        try {
            version = OsVersion.parse(osVersion);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (platform) {
            case IOS, IPADOS -> version.isAtLeast(OsVersion.of(16, 0))
                    ? Optional.of(new KeyPolicy(true, true)) : Optional.empty();
            case MACOS -> version.isAtLeast(OsVersion.of(13, 1))
                    ? Optional.of(new KeyPolicy(version.isAtLeast(OsVersion.of(14, 0)),
                    version.isAtLeast(OsVersion.of(14, 0)))) : Optional.empty();
            case VISIONOS -> version.isAtLeast(OsVersion.of(1, 0))
                    ? Optional.of(new KeyPolicy(true, true)) : Optional.empty();
        };
    }
}
