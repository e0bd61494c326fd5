package io.ueledger.ops.bench;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the event table costs on disk, and proof that the engine kept to the schema: payloads in
 * bytea (no large objects), a global index without the gaps that block allocation leaves.
 *
 * @param events          rows in the event table
 * @param bytesPerEvent   pg_total_relation_size (heap, TOAST, indexes) divided by the rows
 * @param payloadBytes    average payload size, to show the rows hold the same data on both engines
 * @param largeObjects    PostgreSQL large objects; must be 0 (trap 1)
 * @param indexGaps       global indexes never used between the lowest and the highest; 0 unless a
 *                        transaction rolled back (trap 2 would leave about 49 per block)
 */
record StorageFootprint(long events, double bytesPerEvent, double payloadBytes, long largeObjects, long indexGaps) {

    static StorageFootprint measure(DataSource dataSource) {
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        sql.execute("VACUUM ANALYZE domainevententry");
        long events = sql.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        long bytes = sql.queryForObject("SELECT pg_total_relation_size('domainevententry')", Long.class);
        double payload = sql.queryForObject("SELECT avg(octet_length(payload)) FROM domainevententry", Double.class);
        long largeObjects = sql.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Long.class);
        long gaps = sql.queryForObject(
                "SELECT coalesce(max(globalindex) - min(globalindex) + 1 - count(*), 0) FROM domainevententry",
                Long.class);
        return new StorageFootprint(events, (double) bytes / events, payload, largeObjects, gaps);
    }
}
