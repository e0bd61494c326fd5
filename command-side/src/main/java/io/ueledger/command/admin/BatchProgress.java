package io.ueledger.command.admin;

import java.time.Instant;

/**
 * How far a group command got. {@code total} is the number of enrollments selected (null while
 * they are still being listed); each is then queued, refused by the policy (and recorded), or
 * failed to queue; of the queued ones the device has acknowledged, failed, or not yet answered.
 */
public record BatchProgress(
        String batchId,
        String requestType,
        String requestedBy,
        String state,
        Integer total,
        int queued,
        int refused,
        int failedToQueue,
        int acknowledged,
        int failed,
        int outstanding,
        String problem,
        Instant createdAt,
        Instant finishedAt) {
}
