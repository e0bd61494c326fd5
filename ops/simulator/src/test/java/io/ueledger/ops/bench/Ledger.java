package io.ueledger.ops.bench;

import io.ueledger.command.enrollment.DeviceEnrollment;
import io.ueledger.command.shredding.DataKeyStore;
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
                // The aggregate issues and destroys the enrollment's data key; the benchmark measures
                // the event store, so the keys stay in memory here.
                .registerComponent(DataKeyStore.class, c -> new BenchDataKeys())
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

    /** Data keys in memory: issued once per enrollment, destroyed for good. */
    private static final class BenchDataKeys implements DataKeyStore {
        private final java.util.Map<String, javax.crypto.SecretKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public java.util.Optional<javax.crypto.SecretKey> issue(String ref) {
            return java.util.Optional.of(keys.computeIfAbsent(ref, r -> new javax.crypto.spec.SecretKeySpec(
                    java.util.UUID.randomUUID().toString().substring(0, 32).getBytes(), "AES")));
        }

        @Override
        public java.util.Optional<javax.crypto.SecretKey> find(String ref) {
            return java.util.Optional.ofNullable(keys.get(ref));
        }

        @Override
        public java.util.Optional<String> destroy(String ref, java.time.Instant at) {
            return java.util.Optional.ofNullable(keys.remove(ref)).map(k -> "destroyed");
        }
    }
}
