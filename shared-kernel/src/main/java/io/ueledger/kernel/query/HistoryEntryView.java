package io.ueledger.kernel.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One event in a device's history: who caused it, a sentence a person can read, and the event as
 * recorded ({@code payload}, JSON) for those who need the detail.
 */
public record HistoryEntryView(
        String eventId,
        Long globalIndex,
        String enrollmentRef,
        long sequenceNumber,
        String eventType,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        String summary,
        @JsonRawValue String payload) {
}
