package io.ueledger.query.config;

import io.ueledger.kernel.processing.ProcessorNames;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's one Axon configuration class: every query-side event processor's wiring, by the
 * names in {@link ProcessorNames}. The views' pooled mode and batch size are an operator's tunables
 * and stay in the server's {@code application.yml}; what correctness depends on is wired here.
 */
@Configuration(proxyBeanMethods = false)
public class AxonQueryConfig {

    /**
     * Axon's default logs a failing event handler and moves on, so a view would silently miss the
     * event for ever. Propagating the error instead fails the batch: its rows and its token roll
     * back together, and the processor retries the same events (with back-off) until they apply.
     * The same holds for the compliance evidence, which a report must never silently lack, and for the
     * status devices report over Declarative Device Management.
     */
    @Bean
    public ConfigurerModule projectionsRetryInsteadOfSkipping() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(ProcessorNames.ENROLLMENT_REGISTRY,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ProcessorNames.DEVICE_HISTORY,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ProcessorNames.COMPLIANCE_EVIDENCE,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(ProcessorNames.DDM_STATUS,
                        c -> PropagatingErrorHandler.instance());
    }

    /**
     * The ledger: one tracking processor with one segment and one thread, because leaf order must be
     * exactly the order of one reader. A failing append rolls the batch back and is retried rather
     * than skipped: a ledger with a silently missing event could never be trusted again.
     */
    @Bean
    public ConfigurerModule ledgerProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(ProcessorNames.LEDGER,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                // one commit (one fsync, one token write) per up to 500 leaves: the ledger's
                                // single thread waits for each commit, so fewer of them is catch-up speed
                                .andBatchSize(500))
                .registerListenerInvocationErrorHandler(ProcessorNames.LEDGER,
                        c -> PropagatingErrorHandler.instance());
    }
}
