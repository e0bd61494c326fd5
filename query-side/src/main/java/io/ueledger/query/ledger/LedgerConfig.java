package io.ueledger.query.ledger;

import io.ueledger.kernel.installation.InstallationSecrets;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the ledger: its one processor, its signing key and the checkpoint schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(LedgerProperties.class)
public class LedgerConfig {

    /**
     * One tracking processor with one segment and one thread, because leaf order must be exactly the
     * order of one reader. A failing append rolls the batch back and is retried rather than skipped:
     * a ledger with a silently missing event could never be trusted again.
     */
    @Bean
    public ConfigurerModule ledgerProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(LedgerAppender.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(100))
                .registerListenerInvocationErrorHandler(LedgerAppender.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    @Bean
    LedgerSigning ledgerSigning(LedgerProperties properties, Environment environment,
            ObjectProvider<InstallationSecrets> installation) {
        String origin = properties.origin() != null && !properties.origin().isBlank()
                ? properties.origin()
                : "ue-ledger." + environment.getProperty("ueledger.organisation.domains[0]", "localhost") + "/ledger";
        return new LedgerSigning(origin, CheckpointSigningKey.load(properties, origin, installation.getIfAvailable()));
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
