package io.ueledger.command.account;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The account directory is the command side's own lookup, so it must never lag behind or skip an
 * event: a subscribing processor (same thread and transaction as the command) whose handler errors
 * propagate, so a failed directory write rolls the command back instead of being logged and lost.
 * Configured in code, not in application.yml, because correctness depends on it.
 */
@Configuration(proxyBeanMethods = false)
class AccountDirectoryConfig {

    static final String PROCESSING_GROUP = "account-directory";

    @Autowired
    void subscribingAndPropagating(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
