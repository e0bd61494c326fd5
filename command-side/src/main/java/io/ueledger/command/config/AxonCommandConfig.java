package io.ueledger.command.config;

import io.ueledger.kernel.processing.ProcessorNames;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's one Axon configuration class: the aggregate cache and every command-side
 * event processor, by the names in {@link ProcessorNames}. The pooled processor's batch size is
 * an operator's tunable and stays in the server's {@code application.yml}; what correctness
 * depends on (subscribing, error propagation, where a processor starts) is wired here in code.
 */
@Configuration
public class AxonCommandConfig {

    /** Events the push trigger reads per transaction. */
    static final int PUSH_TRIGGER_BATCH_SIZE = 100;

    /**
     * Keeps loaded enrollments in memory so the device hot path (check-in, command channel) does
     * not replay the stream on every request. A weak-reference cache lets the GC decide; a node
     * that misses simply replays. With several nodes, commands for one enrollment must be routed
     * to one node or this cache can serve stale state (see README, "More than one node").
     */
    @Bean
    public Cache deviceEnrollmentCache() {
        return new WeakReferenceCache();
    }

    @Bean
    public ConfigurerModule commandSideProcessors() {
        return configurer -> configurer.eventProcessing(processing -> {
            processing
                // Lookups the command side decides with: subscribing, so they are written in the
                // transaction of the events that change them and are never behind the aggregate.
                .registerSubscribingEventProcessor(ProcessorNames.DEVICE_IDENTITY)
                .registerSubscribingEventProcessor(ProcessorNames.ENROLLMENT_DEVICE)
                // The closed enrollment's lookups go with its events, as the data key's destruction does.
                .registerSubscribingEventProcessor(ProcessorNames.UNENROLLMENT_LOOKUP)
                .registerSubscribingEventProcessor(ProcessorNames.ACCOUNT_DIRECTORY);
            // A failed write of a lookup kept in the events' transaction must fail the command: Axon's
            // default logs it and carries on, and PostgreSQL then throws the whole transaction away at
            // COMMIT (events included) while the caller is told it worked.
            for (String inTransaction : List.of(ProcessorNames.DEVICE_IDENTITY, ProcessorNames.ENROLLMENT_DEVICE,
                    ProcessorNames.UNENROLLMENT_LOOKUP, ProcessorNames.ACCOUNT_DIRECTORY)) {
                processing.registerListenerInvocationErrorHandler(inTransaction,
                        c -> PropagatingErrorHandler.instance());
            }
            processing
                // The push trigger: one thread, starting at the head of the stream, so that on an
                // existing ledger it does not push for every command ever queued. It reads up to 100
                // events per transaction, as every other processor: with Axon's default of one it committed
                // its token (a durable commit) per event of the whole stream and, in a 10,000-device load
                // run, fell 40,488 events behind while 50,000 commands were queued (pushes minutes late)
                // and 56,764 by the end of the command channel. A batch that fails is read again; pushing
                // twice is harmless (a woken device drains its queue).
                .registerTrackingEventProcessor(ProcessorNames.APNS_PUSH,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(PUSH_TRIGGER_BATCH_SIZE)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
        });
    }
}
