package io.ueledger.query.replay;

/**
 * A rebuild of a view that is already being rebuilt. Refused rather than merged: a second reset
 * would throw away the progress of the first, and the running one already yields the same rows.
 */
public class RebuildAlreadyRunning extends RuntimeException {

    private final String runningReplayId;

    public RebuildAlreadyRunning(String processingGroup, String runningReplayId) {
        super(processingGroup + " is already being rebuilt by replay " + runningReplayId
                + "; follow it at /api/admin/replays/" + runningReplayId + " instead of starting another");
        this.runningReplayId = runningReplayId;
    }

    public String runningReplayId() {
        return runningReplayId;
    }
}
