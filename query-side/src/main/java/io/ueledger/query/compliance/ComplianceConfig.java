package io.ueledger.query.compliance;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the compliance views. */
@Configuration(proxyBeanMethods = false)
public class ComplianceConfig {

    /** Reports stamp when they were read; the command side usually provides the clock already. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A failing handler must not make the report silently miss an event (Axon's default logs and
     * skips): the batch rolls back with its token and is retried until it applies.
     */
    @Bean
    ConfigurerModule complianceEvidenceRetriesInsteadOfSkipping() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                ComplianceEvidenceProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
