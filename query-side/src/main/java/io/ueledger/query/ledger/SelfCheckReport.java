package io.ueledger.query.ledger;

import java.time.Instant;
import java.util.List;

/**
 * What a ledger self-check found.
 *
 * @param intact            true when nothing differs
 * @param treeSize          leaves checked
 * @param nodesChecked      stored complete-subtree hashes compared with the ones recomputed from the leaves
 * @param checkpointsChecked signed checkpoints whose signature and root were re-verified
 * @param findings          every difference, in leaf order, then checkpoints, then events not in the ledger
 * @param checkedAt         when the check ran
 * @param durationMillis    how long it took
 */
public record SelfCheckReport(boolean intact, long treeSize, long nodesChecked, long checkpointsChecked,
        List<Finding> findings, Instant checkedAt, long durationMillis) {

    /** Which table was altered, as far as the check can tell. */
    public enum Altered {
        /** Axon's {@code domainevententry} no longer holds what the ledger committed to. */
        EVENT_STORE,
        /** The ledger's own tables no longer agree with themselves or with a signed checkpoint. */
        LEDGER,
        /**
         * Nothing was altered, but the ledger passed over an event the event store holds: it has leaves for
         * later events, the event is older than the check's grace period, and no leaf commits to it.
         */
        NOT_IN_LEDGER
    }

    /**
     * One difference.
     *
     * @param altered     where the change was made
     * @param leafIndex   the leaf concerned (null for a checkpoint finding)
     * @param globalIndex the event's position in the event store, when known
     * @param eventId     the event the leaf commits to, when known
     * @param treeSize    the checkpoint concerned (null for a leaf finding)
     * @param problem     what differs, for a person
     */
    public record Finding(Altered altered, Long leafIndex, Long globalIndex, String eventId, Long treeSize,
            String problem) {
    }
}
