package io.ueledger.ops.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.command.eventstore.CommitOrderSafeStorageEngine;
import io.ueledger.ops.support.OwnDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A transaction that commits after a later one, while a processor reads events created long ago (a node
 * catching up after another was killed, two nodes starting at once): the event that commits late must
 * still be read. The event store table is the project's own migration; the rows are written with plain
 * SQL, each transaction on its own connection, as two nodes would.
 */
class LateCommitReadIT {

    private static final EmbeddedPostgres POSTGRES = OwnDatabase.startPostgres(OwnDatabase.tempDir("ue-ledger-late-"));
    private static final DataSource DATA_SOURCE = POSTGRES.getPostgresDatabase();
    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofHours(2));

    private final JdbcTemplate jdbc = new JdbcTemplate(DATA_SOURCE);

    @AfterAll
    static void stop() throws Exception {
        POSTGRES.close();
    }

    @BeforeEach
    void freshEventStore() throws Exception {
        jdbc.execute("drop table if exists snapshotevententry, domainevententry");
        try (Connection connection = DATA_SOURCE.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/command/V1__event_store.sql"));
        }
    }

    @Test
    void an_event_committed_after_an_old_event_with_a_higher_index_is_still_read() throws Exception {
        try (Connection lateTransaction = DATA_SOURCE.getConnection()) {
            lateTransaction.setAutoCommit(false);
            Row late = insert(lateTransaction, Instant.now());
            Row old = insertCommitted(LONG_AGO); // commits at once, above the open transaction's index
            assertThat(old.globalIndex()).isGreaterThan(late.globalIndex());

            ReadResult first = readAfter(safeEngine(), null);
            assertThat(first.events()).containsExactly(old.eventId());

            lateTransaction.commit();
            assertThat(readAfter(safeEngine(), first.token()).events())
                    .as("the late event, read after the old one").containsExactly(late.eventId());
        }
    }

    @Test
    void a_recorded_gap_is_kept_when_the_next_event_read_is_old() throws Exception {
        insertCommitted(Instant.now());
        TrackingToken afterFirst = readAfter(safeEngine(), null).token();
        try (Connection lateTransaction = DATA_SOURCE.getConnection()) {
            lateTransaction.setAutoCommit(false);
            Row late = insert(lateTransaction, Instant.now());
            Row old = insertCommitted(LONG_AGO);

            ReadResult next = readAfter(safeEngine(), afterFirst);
            assertThat(next.events()).containsExactly(old.eventId());
            assertThat(((GapAwareTrackingToken) next.token()).getGaps()).containsExactly(late.globalIndex());

            lateTransaction.commit();
            assertThat(readAfter(safeEngine(), next.token()).events()).containsExactly(late.eventId());
        }
    }

    /** A processor started on a store whose first rows are still being written (two nodes starting). */
    @Test
    void a_processor_starting_at_the_tail_waits_for_lower_indexes_still_being_written() throws Exception {
        EventStorageEngine engine = safeEngine();
        try (Connection lateTransaction = DATA_SOURCE.getConnection()) {
            lateTransaction.setAutoCommit(false);
            Row late = insert(lateTransaction, Instant.now());
            Row committed = insertCommitted(Instant.now());

            ReadResult first = readAfter(engine, engine.createTailToken());
            assertThat(first.events()).containsExactly(committed.eventId());

            lateTransaction.commit();
            assertThat(readAfter(engine, first.token()).events()).containsExactly(late.eventId());
        }
    }

    /**
     * Why the project's engine exists: Axon 4's own engine decides from the old event's creation time that
     * no transaction below it can still be open, and never reads the late event. If this starts to fail,
     * Axon has fixed it and {@link CommitOrderSafeStorageEngine} can go.
     */
    @Test
    void axons_own_engine_skips_the_late_event_for_ever() throws Exception {
        try (Connection lateTransaction = DATA_SOURCE.getConnection()) {
            lateTransaction.setAutoCommit(false);
            insert(lateTransaction, Instant.now());
            Row old = insertCommitted(LONG_AGO);
            ReadResult first = readAfter(axonEngine(), null);
            assertThat(first.events()).containsExactly(old.eventId());

            lateTransaction.commit();
            assertThat(readAfter(axonEngine(), first.token()).events()).isEmpty();
        }
    }

    /** The identifiers of the events read, in order, and the token after them. */
    private record ReadResult(List<String> events, TrackingToken token) {
    }

    /** An event row written by the test. */
    private record Row(long globalIndex, String eventId) {
    }

    private static ReadResult readAfter(EventStorageEngine engine, TrackingToken token) {
        List<? extends TrackedEventMessage<?>> read;
        try (var stream = engine.readEvents(token, false)) {
            read = stream.toList();
        }
        TrackingToken last = read.isEmpty() ? token : read.get(read.size() - 1).trackingToken();
        // identifiers, not token positions: a token's position after a filled gap is the highest index read
        return new ReadResult(read.stream().map(m -> m.getIdentifier()).toList(), last);
    }

    private static EventStorageEngine safeEngine() {
        return new CommitOrderSafeStorageEngine(builder());
    }

    private static EventStorageEngine axonEngine() {
        return builder().build();
    }

    private static JdbcEventStorageEngine.Builder builder() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcEventStorageEngine.builder().snapshotSerializer(serializer).eventSerializer(serializer)
                .connectionProvider(DATA_SOURCE::getConnection).transactionManager(NoTransactionManager.INSTANCE);
    }

    private static Row insertCommitted(Instant createdAt) throws Exception {
        try (Connection connection = DATA_SOURCE.getConnection()) {
            return insert(connection, createdAt);
        }
    }

    /** One event row as Axon writes it, created at {@code createdAt}. */
    private static Row insert(Connection connection, Instant createdAt) throws Exception {
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                values (?, 0, 'Probe', ?, ?, ?, null, 'java.lang.String', ?) returning globalindex""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, eventId);
            insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, "\"probe\"".getBytes(StandardCharsets.UTF_8));
            insert.setString(5, createdAt.toString());
            try (var rs = insert.executeQuery()) {
                rs.next();
                return new Row(rs.getLong(1), eventId);
            }
        }
    }
}
