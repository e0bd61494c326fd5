package io.ueledger.query.ledger;

import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.processing.ProcessorNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Turns every event of the global stream into the next ledger leaf, in the order this processor
 * sees them (a late-committing lower global index simply gets a later leaf). Events are found by
 * their identifier: the tracking token's position is the highest index read, which is not the event's
 * own index when it filled a gap (taking it for one skipped late events as "already in the ledger").
 *
 * <p>The events of one processor batch are appended together just before the batch's transaction
 * commits with the processor's token: one read of their stored rows that have no leaf yet, one statement
 * inserting the leaves and one inserting the subtree nodes, instead of several statements per event.
 *
 * <p>The ledger is never rebuilt by a replay: leaves that were signed into a checkpoint must never
 * move. {@link DisallowReplay} makes Axon report that this processor does not support a reset, so
 * {@code resetTokens()} is refused; and an event that already has a leaf is skipped, so even a
 * token moved back by hand cannot append anything twice.
 */
@Component
@DisallowReplay
@ProcessingGroup(ProcessorNames.LEDGER)
public class LedgerAppender {

    private static final String PENDING = LedgerAppender.class.getName() + ".pending";

    private final LedgerStore store;
    private final StoredEvents events;
    private final Clock clock;

    LedgerAppender(LedgerStore store, StoredEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /*
     * The message, not its payload: a leaf is made from the event's stored row (read again below, in one
     * query per batch), so nothing here needs the payload, and asking Axon for it would deserialize every
     * event of the stream and decrypt its personal fields for nothing.
     */
    @EventHandler
    void on(EventMessage<?> message) {
        if (!(message instanceof TrackedEventMessage<?>)) {
            throw new IllegalStateException("the ledger needs events from the event store's global stream, got "
                    + message.getIdentifier() + " outside it");
        }
        if (!CurrentUnitOfWork.isStarted()) {
            append(List.of(message.getIdentifier()));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<String>>getOrComputeResource(PENDING, key -> {
            List<String> pending = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> append(pending));
            return pending;
        }).add(message.getIdentifier());
    }

    /** Appends the delivered events, in delivery order, that have no leaf yet. */
    private void append(List<String> eventIds) {
        Map<String, LeafEnvelope> unledgered = events.withoutLeavesOf(eventIds);
        List<LeafEnvelope> leaves = new ArrayList<>(eventIds.size());
        List<String> notFound = new ArrayList<>();
        for (String eventId : eventIds) {
            LeafEnvelope envelope = unledgered.get(eventId);
            if (envelope != null) {
                leaves.add(envelope);
            } else {
                notFound.add(eventId);
            }
        }
        if (!notFound.isEmpty()) { // already in the ledger (a token moved back), or not stored at all
            Set<String> done = store.withLeaves(notFound);
            notFound.stream().filter(eventId -> !done.contains(eventId)).findFirst().ifPresent(eventId -> {
                throw new IllegalStateException("the stream delivered event " + eventId + ", which the event store "
                        + "does not hold");
            });
        }
        store.appendAll(leaves, clock.instant());
    }
}
