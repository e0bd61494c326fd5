package io.ueledger.command.enrollment;

import java.time.Instant;

/**
 * Where the enrollment's identity renewal stands: the attempt waiting for the device (its
 * InstallProfile command), how many attempts were made since the last successful renewal, and
 * whether the server gave up.
 */
final class IdentityRenewal {

    private String commandUuid;
    private boolean waiting;
    private boolean gaveUp;
    private int attempts;
    private int maxAttempts;
    private Instant startedAt;
    private Instant lastChangeAt;

    void started(String commandUuid, int attempt, int maxAttempts, Instant at) {
        this.commandUuid = commandUuid;
        this.waiting = true;
        this.attempts = attempt;
        this.maxAttempts = maxAttempts;
        this.startedAt = at;
        this.lastChangeAt = at;
    }

    void failed(boolean willRetry, Instant at) {
        waiting = false;
        gaveUp = !willRetry;
        lastChangeAt = at;
    }

    void renewed(Instant at) {
        waiting = false;
        gaveUp = false;
        attempts = 0;
        lastChangeAt = at;
    }

    boolean waitingForDevice() {
        return waiting;
    }

    boolean gaveUp() {
        return gaveUp;
    }

    String commandUuid() {
        return commandUuid;
    }

    int attempts() {
        return attempts;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant lastChangeAt() {
        return lastChangeAt;
    }
}
