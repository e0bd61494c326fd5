package io.ueledger.ops.simulator.load;

import java.time.Duration;
import java.util.List;

/**
 * What a load run does: how many devices enroll, how many InstallProfile commands each then receives, how
 * many devices talk at once, how often a device first answers NotNow, and when the run gives up by itself.
 *
 * @param keyPool  RSA keys made before the timed phases and shared out (0: every device makes its own)
 * @param accounts the Managed Apple Accounts the devices enroll with, in turn
 */
public record LoadPlan(int devices, int commandsPerDevice, int concurrency, double notNowRate, int keyPool,
                       Duration timeLimit, List<Account> accounts) {

    public record Account(String email, String password) {
    }

    public LoadPlan {
        if (devices < 1 || commandsPerDevice < 0 || concurrency < 1 || keyPool < 0) {
            throw new IllegalArgumentException("devices and concurrency must be positive, commands and key pool"
                    + " not negative");
        }
        if (accounts == null || accounts.isEmpty()) {
            throw new IllegalArgumentException("a load run needs at least one account to enroll with");
        }
        accounts = List.copyOf(accounts);
    }

    /** The built-in identity provider's demo users that have Managed Apple Accounts (docs/operators/running.md). */
    public static List<Account> demoAccounts() {
        return List.of(new Account("alice@corp.example", "alice-demo"), new Account("bob@corp.example", "bob-demo"));
    }
}
