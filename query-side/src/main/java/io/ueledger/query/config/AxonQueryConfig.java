package io.ueledger.query.config;

import io.ueledger.query.history.DeviceHistoryProjection;
import io.ueledger.query.registry.EnrollmentRegistryProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's one Axon configuration class. */
@Configuration(proxyBeanMethods = false)
public class AxonQueryConfig {

    /**
     * Axon's default logs a failing event handler and moves on, so a view would silently miss the
     * event for ever. Propagating the error instead fails the batch: its rows and its token roll
     * back together, and the processor retries the same events (with back-off) until they apply.
     */
    @Bean
    public ConfigurerModule projectionsRetryInsteadOfSkipping() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(EnrollmentRegistryProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(DeviceHistoryProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
