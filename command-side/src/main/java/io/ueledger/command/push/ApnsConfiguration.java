package io.ueledger.command.push;

import org.springframework.boot.ApplicationRunner;
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
    MdmPushSender mdmPushSender(PushCertificates certificates, ApnsProperties properties, Clock clock) {
        return new CurrentMdmPushSender(certificates, properties, clock);
    }

    /**
     * A certificate file in the configuration is imported into the database at start (so every node
     * uses it), unless the database already holds it or a later one: an upload through the admin API
     * outlives a restart with an older file still configured. Before that, private keys stored in
     * clear by an earlier version are sealed.
     */
    @Bean
    ApplicationRunner configuredPushCertificateImport(ApnsProperties properties, PushCertificates certificates,
            PushCertificateStore store) {
        return args -> {
            store.sealClearKeys(); // keys stored in clear before Flyway V220
            if (!properties.certificateConfigured()) {
                if (certificates.refresh().isEmpty()) {
                    log.info("APNs push is {}: devices get queued MDM commands only when they check in by "
                            + "themselves (upload the MDM push certificate in the console or set "
                            + "ueledger.apns.certificate)", DisabledMdmPushSender.MODE);
                }
                return;
            }
            MdmPushCertificate file = MdmPushCertificate.load(properties.certificate(), properties.password());
            var current = certificates.refresh();
            if (current.isPresent() && PushCertificateStore.sha256(current.get().certificate().certificate())
                    .equals(PushCertificateStore.sha256(file.certificate()))) {
                return;
            }
            if (current.isPresent() && !file.notAfter().isAfter(current.get().certificate().notAfter())) {
                log.warn("The configured MDM push certificate {} (expires {}) is not newer than version {} in the "
                        + "database (expires {}); the database's stays in force", properties.certificate(),
                        file.notAfter(), current.get().version(), current.get().certificate().notAfter());
                return;
            }
            certificates.replace(file, PushCertificates.CONFIGURED_FILE, "configuration");
        };
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
    ApnsHealthIndicator apnsHealthIndicator(MdmPushSender sender, Clock clock, ApnsProperties properties) {
        return new ApnsHealthIndicator(sender, clock, properties.expiryWarning());
    }
}
