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
 * sees them (a late-committing lower global index simply gets a later leaf).
 *
 * <p>The events of one processor batch are appended together just before the batch's transaction
 * commits with the processor's token: one read of their stored rows, one JDBC batch of leaves and one
 * of subtree nodes, instead of several statements per event.
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

    /** What the stream delivered: the event's global index and identifier. */
    private record Delivered(long globalIndex, String eventId) {
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        Delivered delivered = new Delivered(globalIndex(message), message.getIdentifier());
        if (!CurrentUnitOfWork.isStarted()) {
            append(List.of(delivered));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<Delivered>>getOrComputeResource(PENDING, key -> {
            List<Delivered> pending = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> append(pending));
            return pending;
        }).add(delivered);
    }

    private void append(List<Delivered> delivered) {
        List<Long> indexes = delivered.stream().map(Delivered::globalIndex).toList();
        Set<Long> done = store.withLeaves(indexes);
        Map<Long, LeafEnvelope> stored = events.envelopesAt(indexes);
        List<LeafEnvelope> leaves = new ArrayList<>(delivered.size());
        for (Delivered event : delivered) {
            if (done.contains(event.globalIndex())) {
                continue;
            }
            LeafEnvelope envelope = stored.get(event.globalIndex());
            if (envelope == null) {
                throw new IllegalStateException("event " + event.eventId() + " is not in the event store at global index "
                        + event.globalIndex());
            }
            if (!envelope.eventId().equals(event.eventId())) {
                throw new IllegalStateException("the event store holds event " + envelope.eventId() + " at global index "
                        + event.globalIndex() + ", but the stream delivered " + event.eventId());
            }
            leaves.add(envelope);
        }
        store.appendAll(leaves, clock.instant());
    }

    private static long globalIndex(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                && tracked.trackingToken().position().isPresent()) {
            return tracked.trackingToken().position().getAsLong();
        }
        throw new IllegalStateException("the ledger needs events from the event store's global stream, got "
                + message.getIdentifier() + " without a position");
    }
}
