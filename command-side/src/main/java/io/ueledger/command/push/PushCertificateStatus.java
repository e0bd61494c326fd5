package io.ueledger.command.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What an operator must know about the MDM push certificate, the same on the health page, the
 * metric, the admin API and the console: which topic, when it expires, and a warning from
 * {@code ueledger.apns.expiry-warning} (30 days) before, since an expired certificate silently
 * stops every push and renewing it at Apple takes a person.
 */
@Component
public class PushCertificateStatus {

    private final PushCertificates certificates;
    private final ApnsProperties properties;
    private final Clock clock;

    public PushCertificateStatus(PushCertificates certificates, ApnsProperties properties, Clock clock,
                                 io.micrometer.core.instrument.MeterRegistry meters) {
        this.certificates = certificates;
        this.properties = properties;
        this.clock = clock;
        io.micrometer.core.instrument.Gauge.builder("ueledger.apns.certificate.expiry", this,
                        status -> status.now().map(v -> (double) v.secondsLeft()).orElse(Double.NaN))
                .description("seconds until the MDM push certificate expires (negative: expired; NaN: none)")
                .baseUnit("seconds").register(meters);
    }

    public Optional<View> now() {
        return certificates.current().map(stored -> {
            Instant notAfter = stored.certificate().notAfter();
            Duration left = Duration.between(clock.instant(), notAfter);
            String warning = left.isNegative() ? "The MDM push certificate expired on " + notAfter + ". No device "
                    + "can be woken until it is renewed at Apple's Push Certificates Portal and uploaded here."
                    : left.compareTo(properties.expiryWarning()) <= 0 ? "The MDM push certificate expires in "
                    + left.toDays() + " days (" + notAfter + "). Renew it at Apple's Push Certificates Portal (Renew, "
                    + "same Apple Account, same topic) and upload the new one." : null;
            return new View(stored.version(), stored.certificate().topic(),
                    stored.certificate().certificate().getSubjectX500Principal().getName(), notAfter,
                    left.getSeconds(), left.toDays(), PushCertificateStore.sha256(stored.certificate().certificate()),
                    stored.source(), stored.uploadedBy(), stored.uploadedAt(), properties.environment().name()
                    .toLowerCase(java.util.Locale.ROOT), warning);
        });
    }

    /** The certificate in force as shown to operators; never the key. */
    public record View(long version, String topic, String subject, Instant notAfter, long secondsLeft, long daysLeft,
                       String sha256, String source, String uploadedBy, Instant uploadedAt, String environment,
                       String warning) {

        public boolean expired() {
            return secondsLeft <= 0;
        }
    }
}
