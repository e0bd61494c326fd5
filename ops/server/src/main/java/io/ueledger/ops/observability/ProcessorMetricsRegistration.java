package io.ueledger.ops.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The processors exist once the application is ready: only then is there a lag gauge to register for each. */
@Component
class ProcessorMetricsRegistration {

    private final FleetMetrics metrics;
    private final MeterRegistry registry;

    ProcessorMetricsRegistration(FleetMetrics metrics, MeterRegistry registry) {
        this.metrics = metrics;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerLagGauges() {
        metrics.bindProcessors(registry);
    }
}
