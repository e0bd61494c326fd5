package io.ueledger.ops.bench;

import io.ueledger.command.enrollment.DeviceEnrollment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;

/**
 * The project's real {@link DeviceEnrollment} aggregate on one storage engine, with the same command
 * bus, serializer and (optionally) the same weak-reference aggregate cache as the server.
 */
final class Ledger implements AutoCloseable {

    private final Configuration configuration;

    private Ledger(Configuration configuration) {
        this.configuration = configuration;
    }

    static Ledger start(StorageUnderTest storage, Serializer serializer, boolean aggregateCache) {
        AggregateConfigurer<DeviceEnrollment> aggregate = AggregateConfigurer.defaultConfiguration(DeviceEnrollment.class);
        if (aggregateCache) {
            aggregate.configureCache(c -> new WeakReferenceCache());
        }
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> storage.transactionManager())
                .configureEmbeddedEventStore(c -> storage.engine())
                .configureAggregate(aggregate)
                .buildConfiguration();
        configuration.start();
        return new Ledger(configuration);
    }

    CommandGateway commands() {
        return configuration.commandGateway();
    }

    EventStore eventStore() {
        return configuration.eventStore();
    }

    @Override
    public void close() {
        configuration.shutdown();
    }
}
