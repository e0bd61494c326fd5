package io.ueledger.command.push;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires APNs push: the sender chosen by whether a certificate is configured and the coalescer. The
 * push trigger's processor is wired with the command side's others in {@code AxonCommandConfig}.
 */
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
    PushCoalescer pushCoalescer(ApnsProperties properties, ChannelPusher pusher, PushMetrics metrics) {
        return new PushCoalescer(properties.coalesceWindow(), pusher::push, metrics::coalesced);
    }

    @Bean
    ApnsHealthIndicator apnsHealthIndicator(MdmPushSender sender, Clock clock) {
        return new ApnsHealthIndicator(sender, clock);
    }
}
