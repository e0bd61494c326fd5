package io.ueledger.command.signin;

import io.ueledger.kernel.device.Platform;

/** What the sign-in page needs to know about the device being enrolled. */
public record EnrolledDevice(Platform platform, String osVersion, String product) {
}
