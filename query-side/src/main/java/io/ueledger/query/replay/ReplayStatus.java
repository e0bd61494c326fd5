package io.ueledger.query.replay;

import java.time.Instant;
import java.util.List;

/** One rebuild request and the progress of every view it resets. */
public record ReplayStatus(
        String id,
        String projection,
        String requestedBy,
        ReplayState state,
        Instant startedAt,
        int percentDone,
        List<ViewProgress> views) {
}
