package io.ueledger.command.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's JDBC storage engine as its Spring Boot auto-configuration builds it, with
 * the one change of {@link CommitOrderSafeStorageEngine} (a reader never gives up a hole because of an
 * event's age), so that no processor, the ledger above all, can skip an event that commits late.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    static final int STREAM_READ_BATCH = 500;

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return new CommitOrderSafeStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                // Events per query when a processor reads the stream (Axon's default: 100). A processor far
                // behind (a rebuild, the ledger catching up) reads in fewer round trips, and the ledger's
                // tracking processor, which batches what one read returned, commits larger batches.
                .batchSize(STREAM_READ_BATCH)
                .schema(new EventSchema())); // Axon's default table and column names (Flyway V1)
    }
}
