package io.ueledger.query.pointintime;

import java.time.Instant;
import io.ueledger.query.support.OccurredAt;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A device's state as of a moment or a position in the global stream, folded from its own events
 * read from the event store (upcast like any other read), never from a view, so it is right even
 * while views are being rebuilt.
 */
@Component
public class DeviceStateAsOf {

    private final EventStore events;
    private final JdbcTemplate jdbc;

    public DeviceStateAsOf(EventStore events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /**
     * The state made of the events that had happened by {@code at}: their own {@code occurredAt}
     * (when it happened on the device or at the server), or the time stored when they carry none.
     * Empty when the enrollment had no event by then.
     */
    public Optional<DeviceState> at(String enrollmentRef, Instant at) {
        return fold(enrollmentRef, Long.MAX_VALUE, at);
    }

    /** The state made of the events at or before global index {@code globalIndex}. */
    public Optional<DeviceState> atGlobalIndex(String enrollmentRef, long globalIndex) {
        // the aggregate stream knows sequence numbers, the global stream positions: map one to the other
        Long lastSequence = jdbc.queryForObject("""
                select max(sequenceNumber) from domainevententry
                where aggregateIdentifier = ? and globalIndex <= ?""", Long.class, enrollmentRef, globalIndex);
        return lastSequence == null ? Optional.empty() : fold(enrollmentRef, lastSequence, null);
    }

    private Optional<DeviceState> fold(String enrollmentRef, long lastSequence, Instant at) {
        DeviceStateFold fold = new DeviceStateFold();
        boolean any = false;
        DomainEventStream stream = events.readEvents(enrollmentRef);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() > lastSequence) {
                break;
            }
            Instant happened = OccurredAt.of(message);
            if (at != null && happened.isAfter(at)) {
                continue; // a device clock can put a later event before an earlier one: look at them all
            }
            fold.apply(message.getPayload(), message.getSequenceNumber(), happened);
            any = true;
        }
        return any ? Optional.of(fold.state()) : Optional.empty();
    }
}
