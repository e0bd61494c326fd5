package io.ueledger.command.admin;

import io.ueledger.kernel.device.OsVersion;
import io.ueledger.kernel.device.Platform;

/** The facts the policy decides on for one enrollment; osVersion is null until the device reported one. */
public record EnrollmentDevice(String enrollmentRef, Platform platform, OsVersion osVersion, boolean closed) {
}
