package io.ueledger.ops.simulator.load;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine a run measured, so figures from different machines are not compared blindly. */
public record MachineFacts(int cores, String java, String os, String postgres, double loadAverage) {

    public static MachineFacts now(String postgresVersion) {
        return new MachineFacts(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                postgresVersion, currentLoadAverage());
    }

    public static double currentLoadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public String loadText() {
        return String.format(Locale.ROOT, "%.2f", loadAverage);
    }
}
