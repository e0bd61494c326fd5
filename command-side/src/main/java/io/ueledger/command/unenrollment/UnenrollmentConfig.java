package io.ueledger.command.unenrollment;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring of the unenrollment paths: the silence sweep's schedule and its lookup's processor. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class UnenrollmentConfig {

    /**
     * Subscribing, so the lookup and the removal of a closed enrollment's rows commit in the
     * transaction of the events that cause them, as the data key's destruction does.
     */
    @Bean
    public ConfigurerModule unenrollmentLookupsInTheEventsTransaction() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(ClosedEnrollmentLookups.PROCESSING_GROUP);
    }
}
