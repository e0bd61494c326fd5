package io.ueledger.ops.bench;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates the event store the way a deployment does: the project's own Flyway migrations, V1 (event
 * and snapshot tables, bytea payloads, a by-one global index sequence) and V2 (token entries). Both
 * engines run on these very tables, so any difference comes from the engine, not the schema.
 */
final class EventStoreSchema {

    private EventStoreSchema() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/command", "classpath:db/migration/query")
                .target("2")
                .load()
                .migrate();
    }
}
