package io.ueledger.query.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ueledger.kernel.ledger.LeafEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class LedgerAppenderTest {

    private static final Instant NOW = Instant.parse("2025-05-01T09:00:00Z");

    private final LedgerStore store = mock(LedgerStore.class);
    private final StoredEvents events = mock(StoredEvents.class);
    private final AnnotationEventHandlerAdapter ledger = new AnnotationEventHandlerAdapter(
            new LedgerAppender(store, events, Clock.fixed(NOW, ZoneOffset.UTC)));

    /*
     * A leaf is made from the stored row, so the ledger must never need to read an event's payload: reading it
     * deserializes and decrypts every event of the stream (the largest part of the ledger's catch-up), and a
     * payload that cannot be read (a damaged ciphertext, a class gone from the code) would stop the ledger.
     */
    @Test
    void an_event_gets_its_leaf_without_its_payload_being_read() throws Exception {
        LeafEnvelope stored = envelope("event-1");
        when(events.withoutLeavesOf(anyList())).thenReturn(Map.of("event-1", stored));

        ledger.handle(new UnreadablePayload("event-1"));

        assertThat(appended()).containsExactly(stored);
        verify(store, never()).withLeaves(anyList());
    }

    @Test
    void an_event_that_has_its_leaf_already_is_not_appended_again() throws Exception {
        when(events.withoutLeavesOf(anyList())).thenReturn(Map.of());
        when(store.withLeaves(List.of("event-1"))).thenReturn(Set.of("event-1"));

        ledger.handle(new UnreadablePayload("event-1"));

        assertThat(appended()).isEmpty();
    }

    @Test
    void an_event_the_store_does_not_hold_stops_the_ledger_instead_of_being_skipped() {
        when(events.withoutLeavesOf(anyList())).thenReturn(Map.of());
        when(store.withLeaves(List.of("event-1"))).thenReturn(Set.of());

        assertThatThrownBy(() -> ledger.handle(new UnreadablePayload("event-1")))
                .hasMessageContaining("the stream delivered event event-1, which the event store does not hold");
        verify(store, never()).appendAll(anyList(), any(Instant.class));
    }

    private List<LeafEnvelope> appended() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<LeafEnvelope>> appended = ArgumentCaptor.forClass(List.class);
        verify(store).appendAll(appended.capture(), any(Instant.class));
        return appended.getValue();
    }

    private static LeafEnvelope envelope(String eventId) {
        return new LeafEnvelope(7, eventId, "DeviceEnrollment", "enrollment-1", 3, "io.ueledger.kernel.mdm.X", null,
                NOW.toString(), new byte[32], new byte[32]);
    }

    /** An event from the stream whose payload throws when asked for, as a damaged ciphertext would. */
    private static final class UnreadablePayload extends GenericTrackedEventMessage<String> {

        UnreadablePayload(String eventId) {
            super(new GlobalSequenceTrackingToken(7),
                    new GenericEventMessage<>(new GenericMessage<>(eventId, "payload", MetaData.emptyInstance()), () -> NOW));
        }

        @Override
        public String getPayload() {
            throw new IllegalStateException("the payload was read");
        }
    }
}
