package io.ueledger.command.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The MDM push certificate currently in force, on every node: kept in PostgreSQL, re-read when
 * another node (or the admin API here) stored a newer one, checked at most every
 * {@code ueledger.apns.reload-interval}. Replacing it follows Apple's rule that the topic of an
 * enrollment can never change: a certificate with another topic is refused, with the reason.
 */
@Service
public class PushCertificates {

    private static final Logger log = LoggerFactory.getLogger(PushCertificates.class);
    public static final String UPLOAD = "UPLOAD";
    public static final String CONFIGURED_FILE = "CONFIGURED_FILE";

    private final PushCertificateStore store;
    private final ApnsProperties properties;
    private final Clock clock;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(-1, null, Instant.MIN));

    public PushCertificates(PushCertificateStore store, ApnsProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The current certificate, or empty when none was configured or uploaded (pushes are off). */
    public Optional<PushCertificateStore.Stored> current() {
        Loaded now = loaded.get();
        Instant at = Instant.now();
        if (now.version >= 0 && at.isBefore(now.checkedAt.plus(properties.reloadInterval()))) {
            return Optional.ofNullable(now.stored);
        }
        return refresh();
    }

    /** Re-reads the store now (after an upload here, or when the interval has passed). */
    public Optional<PushCertificateStore.Stored> refresh() {
        long version = store.currentVersion();
        Loaded previous = loaded.get();
        if (version == previous.version) {
            loaded.set(new Loaded(version, previous.stored, Instant.now()));
            return Optional.ofNullable(previous.stored);
        }
        PushCertificateStore.Stored stored = version == 0 ? null : store.current().orElse(null);
        loaded.set(new Loaded(version, stored, Instant.now()));
        if (stored != null) {
            log.info("MDM push certificate version {} in force: topic {}, expires {}", stored.version(),
                    stored.certificate().topic(), stored.certificate().notAfter());
        }
        return Optional.ofNullable(stored);
    }

    public Optional<String> topic() {
        return current().map(s -> s.certificate().topic());
    }

    /**
     * Stores a new certificate after the checks a renewal must pass.
     *
     * @throws InvalidPushCertificate expired, or another topic than the one in force
     */
    @Transactional
    public PushCertificateStore.Stored replace(MdmPushCertificate certificate, String source, String by) {
        Instant now = clock.instant();
        if (!certificate.notAfter().isAfter(now)) {
            throw new InvalidPushCertificate("the certificate expired on " + certificate.notAfter()
                    + "; renew it at Apple's Push Certificates Portal (identity.apple.com) and upload the new one");
        }
        if (certificate.certificate().getNotBefore().toInstant().isAfter(now.plus(Duration.ofDays(1)))) {
            throw new InvalidPushCertificate("the certificate is not valid before "
                    + certificate.certificate().getNotBefore().toInstant());
        }
        Optional<PushCertificateStore.Stored> current = refresh();
        if (current.isPresent() && !current.get().certificate().topic().equals(certificate.topic())) {
            throw new PushTopicChangeRefused("the certificate's topic " + certificate.topic() + " differs from the "
                    + "topic in force, " + current.get().certificate().topic() + ". Every enrolled device was given "
                    + "that topic and Apple does not let it change: a certificate with another topic could never "
                    + "wake them. Renew the existing certificate at Apple's Push Certificates Portal with the same "
                    + "Apple Account (choose Renew, not Create a Certificate)");
        }
        long version = store.save(certificate, source, by, now);
        log.info("MDM push certificate version {} stored by {} ({}): topic {}, expires {}{}", version, by, source,
                certificate.topic(), certificate.notAfter(), current.isPresent() ? ", replacing version "
                        + current.get().version() : "");
        return refresh().orElseThrow();
    }

    private record Loaded(long version, PushCertificateStore.Stored stored, Instant checkedAt) {
    }
}
