package io.ueledger.query.history;

import io.ueledger.query.batch.ColumnArrayInsert;
import io.ueledger.query.batch.UnnestedRows;
import io.ueledger.query.support.OccurredAt;
import static io.ueledger.query.support.SqlTime.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ueledger.kernel.processing.ProcessorNames;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes one {@code device_history} row per event of an enrollment: the audit trail of one device.
 *
 * <p>One handler takes every event so that a lifecycle event added later is never missing from the
 * trail; it keeps only the enrollment's own packages (account events belong to another history).
 * Keyed by event id with "on conflict do nothing", so a redelivered event is recorded once.
 */
@Component
@ProcessingGroup(ProcessorNames.DEVICE_HISTORY)
public class DeviceHistoryProjection {


    private static final List<String> ENROLLMENT_PACKAGES = List.of(
            "io.ueledger.kernel.enrollment", "io.ueledger.kernel.mdm", "io.ueledger.kernel.unenrollment",
            "io.ueledger.kernel.push", "io.ueledger.kernel.ddm", "io.ueledger.kernel.identity");

    /** event_id, enrollment_ref, sequence_number, event_type, occurred_at, recorded_at, actor, summary, payload. */
    private static final String[] COLUMN_TYPES =
            {"varchar", "varchar", "int8", "varchar", "text", "text", "varchar", "text", "text"};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final HistoryDescriptions descriptions;
    private final EventStore eventStore;
    /** One insert statement per processor batch of events. */
    private final UnnestedRows rows;

    public DeviceHistoryProjection(JdbcTemplate jdbc, ObjectMapper json, HistoryDescriptions descriptions,
                                   EventStore eventStore) {
        this.jdbc = jdbc;
        this.rows = new UnnestedRows(jdbc, """
                insert into device_history (event_id, global_index, enrollment_ref, sequence_number, event_type,
                    occurred_at, recorded_at, actor, summary, payload)
                select r.event_id, (select globalIndex from domainevententry where eventIdentifier = r.event_id),
                    r.enrollment_ref, r.sequence_number, r.event_type, r.occurred_at::timestamptz,
                    r.recorded_at::timestamptz, r.actor, r.summary, r.payload::jsonb
                from %s as r(event_id, enrollment_ref, sequence_number, event_type, occurred_at, recorded_at, actor,
                    summary, payload)
                on conflict (event_id) do nothing
                """.formatted(ColumnArrayInsert.unnest(COLUMN_TYPES)), COLUMN_TYPES);
        this.json = json;
        this.descriptions = descriptions;
        this.eventStore = eventStore;
    }

    /*
     * The global index is read from the event store by event id: a tracking token's position is the
     * highest index the processor has seen, which is not this event's own index when it filled a gap
     * (an event committed after a later one), so live rows and rebuilt rows would disagree.
     */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) throws Exception {
        if (!ENROLLMENT_PACKAGES.contains(event.getClass().getPackageName())) {
            return;
        }
        HistoryDescription description = descriptions.describe(event);
        rows.add(message.getIdentifier(), message.getAggregateIdentifier(), message.getSequenceNumber(),
                event.getClass().getSimpleName(), text(OccurredAt.of(message)), text(message.getTimestamp()),
                description.actor(), description.summary(), json.writeValueAsString(event));
        if (event instanceof EnrollmentClosed) {
            rows.flush(); // the rows it rewrites must be in the table first
            reprojectShredded(message.getAggregateIdentifier());
        }
    }

    /**
     * Closing the enrollment destroyed its data key in the same transaction, so its events now read
     * with their personal fields as the shredded marker. Re-writing the enrollment's rows from them
     * leaves no plaintext in the history, the same rows a replay would build.
     */
    private void reprojectShredded(String enrollmentRef) throws Exception {
        var events = eventStore.readEvents(enrollmentRef);
        while (events.hasNext()) {
            DomainEventMessage<?> stored = events.next();
            Object event = stored.getPayload();
            HistoryDescription description = descriptions.describe(event);
            jdbc.update("update device_history set payload = ?::jsonb, summary = ?, actor = ? where event_id = ?",
                    json.writeValueAsString(event), description.summary(), description.actor(),
                    stored.getIdentifier());
        }
    }

    /** A replay rebuilds the history from the first event, so it starts from an empty table. */
    @ResetHandler
    void reset() {
        jdbc.update("truncate table device_history");
    }
}
