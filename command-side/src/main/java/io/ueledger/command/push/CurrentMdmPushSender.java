package io.ueledger.command.push;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends with whichever MDM push certificate is in force: an APNs client is built for it and
 * replaced (the old one closed) when a renewed certificate appears in the database, on this node
 * or another one; with none, pushes are skipped as before.
 */
final class CurrentMdmPushSender implements MdmPushSender, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CurrentMdmPushSender.class);

    private final PushCertificates certificates;
    private final ApnsProperties properties;
    private final Clock clock;
    private final DisabledMdmPushSender disabled = new DisabledMdmPushSender();
    private long senderVersion = -1;
    private PushyMdmPushSender sender;

    CurrentMdmPushSender(PushCertificates certificates, ApnsProperties properties, Clock clock) {
        this.certificates = certificates;
        this.properties = properties;
        this.clock = clock;
    }

    private synchronized MdmPushSender delegate() {
        Optional<PushCertificateStore.Stored> current = certificates.current();
        if (current.isEmpty()) {
            return disabled;
        }
        if (current.get().version() != senderVersion) {
            PushyMdmPushSender previous = sender;
            sender = new PushyMdmPushSender(current.get().certificate(), properties, clock);
            senderVersion = current.get().version();
            log.info("APNs push uses certificate version {}: {} gateway {}:{}, topic {}, expires {}", senderVersion,
                    properties.environment().name().toLowerCase(java.util.Locale.ROOT), properties.effectiveHost(),
                    properties.effectivePort(), current.get().certificate().topic(),
                    current.get().certificate().notAfter());
            closeQuietly(previous);
        }
        return sender;
    }

    @Override
    public CompletableFuture<PushResult> send(PushCredential target) {
        return delegate().send(target);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>(delegate().describe());
        certificates.current().ifPresent(stored -> {
            details.put("certificateVersion", stored.version());
            details.put("certificateSource", stored.source());
        });
        return details;
    }

    @Override
    public boolean enabled() {
        return delegate().enabled();
    }

    @Override
    public Optional<Instant> certificateExpires() {
        return delegate().certificateExpires();
    }

    @Override
    public synchronized void destroy() {
        closeQuietly(sender);
    }

    private static void closeQuietly(PushyMdmPushSender old) {
        if (old == null) {
            return;
        }
        try {
            old.destroy();
        } catch (Exception e) {
            log.info("Closing the previous APNs client failed: {}", e.getMessage());
        }
    }
}
