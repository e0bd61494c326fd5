package io.ueledger.command.push;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires APNs push: the sender chosen by whether a certificate is configured, the coalescer, the processor. */
@Configuration(proxyBeanMethods = false)
class ApnsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApnsConfiguration.class);

    @Bean
    MdmPushSender mdmPushSender(ApnsProperties properties, Clock clock) {
        if (!properties.certificateConfigured()) {
            log.info("APNs push is {}: devices get queued MDM commands only when they check in by themselves "
                    + "(set ueledger.apns.certificate and ueledger.apns.password)", DisabledMdmPushSender.MODE);
            return new DisabledMdmPushSender();
        }
        MdmPushCertificate certificate = MdmPushCertificate.load(properties.certificate(), properties.password());
        log.info("APNs push enabled: {} gateway {}:{}, topic {}, certificate expires {}",
                properties.environment().name().toLowerCase(java.util.Locale.ROOT), properties.effectiveHost(),
                properties.effectivePort(), certificate.topic(), certificate.notAfter());
        return new PushyMdmPushSender(certificate, properties, clock);
    }

    @Bean(destroyMethod = "close")
    PushCoalescer pushCoalescer(ApnsProperties properties, ChannelPusher pusher, PushMetrics metrics,
            io.ueledger.kernel.fleet.FleetTurns turns) {
        // at most one push per device channel and window across the fleet, whichever node fires first
        return new PushCoalescer(properties.coalesceWindow(), target -> {
            if (turns.take("push:" + target.enrollmentRef() + ":" + target.channel(), properties.coalesceWindow())) {
                pusher.push(target);
            } else {
                metrics.coalesced();
            }
        }, metrics::coalesced);
    }

    @Bean
    ApnsHealthIndicator apnsHealthIndicator(MdmPushSender sender, Clock clock) {
        return new ApnsHealthIndicator(sender, clock);
    }

    /**
     * The push trigger gets a single-threaded tracking processor that starts at the head of the
     * stream: when it first runs on an existing ledger it must not push for every command ever queued.
     */
    @Bean
    ConfigurerModule apnsPushProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerTrackingEventProcessor(
                MdmCommandPushTrigger.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}
