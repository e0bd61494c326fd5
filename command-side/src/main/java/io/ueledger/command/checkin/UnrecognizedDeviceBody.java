package io.ueledger.command.checkin;

import java.util.Map;

/**
 * Apple's ErrorUnrecognizedDevice body: with a 403 it tells an iOS 17 / macOS 14 / visionOS 1.1 or
 * later device that it is no longer enrolled, and the device removes the enrollment.
 */
final class UnrecognizedDeviceBody {

    private UnrecognizedDeviceBody() {
    }

    static Map<String, String> of(String description) {
        return Map.of(
                "code", "com.apple.unrecognized.device",
                "description", description,
                "message", "This device is no longer enrolled with your organisation.");
    }
}
