package io.ueledger.kernel.mdm;

/** One app as a device listed it in an app inventory answer; only managed apps are ever recorded. */
public record ReportedApp(String bundleId, String version, String shortVersion, String name) {
}
