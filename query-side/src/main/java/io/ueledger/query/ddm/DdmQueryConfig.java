package io.ueledger.query.ddm;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DDM view retries a failing batch instead of skipping an event (Axon's default would log and move on). */
@Configuration(proxyBeanMethods = false)
public class DdmQueryConfig {

    @Bean
    ConfigurerModule ddmStatusRetriesInsteadOfSkipping() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                DeclarativeStatusProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
