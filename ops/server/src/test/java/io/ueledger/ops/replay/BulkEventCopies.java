package io.ueledger.ops.replay;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills the event store fast with copies of one real enrollment's stream: the rows the real
 * serializer wrote for a template enrollment, copied in SQL under new aggregate ids (the id inside
 * each payload replaced as well, and a fresh event id per row). Much faster than sending commands,
 * and the projections read exactly what production writes.
 */
final class BulkEventCopies {

    private BulkEventCopies() {
    }

    /** @return how many events were added */
    static int copy(JdbcTemplate jdbc, String templateRef, String prefix, int copies) {
        int added = 0;
        int chunk = 2_000; // a statement per chunk keeps each transaction (and WAL burst) moderate
        for (int from = 1; from <= copies; from += chunk) {
            int to = Math.min(copies, from + chunk - 1);
            added += jdbc.update("""
                    insert into domainevententry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                        payload, payloadRevision, payloadType, timeStamp)
                    select ? || g, e.sequenceNumber, e.type, gen_random_uuid()::text, e.metaData,
                        convert_to(replace(convert_from(e.payload, 'UTF8'), ?, ? || g), 'UTF8'),
                        e.payloadRevision, e.payloadType, e.timeStamp
                    from generate_series(?, ?) g
                    cross join (select * from domainevententry where aggregateIdentifier = ?
                                order by sequenceNumber) e
                    order by g, e.sequenceNumber
                    """, prefix, templateRef, prefix, from, to, templateRef);
        }
        return added;
    }
}
