package io.ueledger.query.ledger;

import io.ueledger.kernel.ledger.LeafEnvelope;
import io.ueledger.kernel.processing.ProcessorNames;
import java.time.Clock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

/**
 * Turns every event of the global stream into the next ledger leaf, in the order this processor
 * sees them (a late-committing lower global index simply gets a later leaf).
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


    private final LedgerStore store;
    private final StoredEvents events;
    private final Clock clock;

    LedgerAppender(LedgerStore store, StoredEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        long globalIndex = globalIndex(message);
        if (store.hasLeafFor(globalIndex)) {
            return;
        }
        LeafEnvelope envelope = events.envelopeAt(globalIndex).orElseThrow(() -> new IllegalStateException(
                "event " + message.getIdentifier() + " is not in the event store at global index " + globalIndex));
        if (!envelope.eventId().equals(message.getIdentifier())) {
            throw new IllegalStateException("the event store holds event " + envelope.eventId() + " at global index "
                    + globalIndex + ", but the stream delivered " + message.getIdentifier());
        }
        store.append(envelope, clock.instant());
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
