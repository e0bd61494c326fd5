package io.ueledger.command.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * Sends MDM pushes with Pushy over HTTP/2, authenticated by the organisation's MDM push certificate.
 * One client (and its connection) is kept for the life of the application, as Apple asks.
 */
final class PushyMdmPushSender implements MdmPushSender, DisposableBean {

    /** MDM pushes carry no alert; a day is plenty for a device that is briefly offline to get it. */
    private static final Duration EXPIRY = Duration.ofDays(1);

    private final ApnsClient client;
    private final MdmPushCertificate certificate;
    private final ApnsProperties properties;
    private final Clock clock;

    PushyMdmPushSender(MdmPushCertificate certificate, ApnsProperties properties, Clock clock) {
        this.certificate = certificate;
        this.properties = properties;
        this.clock = clock;
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder()
                    .setApnsServer(properties.effectiveHost(), properties.effectivePort())
                    .setClientCredentials(certificate.certificate(), certificate.privateKey(), null);
            if (properties.trustedServerCertificate() != null) {
                builder.setTrustedServerCertificateChain(properties.trustedServerCertificate().toFile());
            }
            this.client = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not set up the APNs client: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<PushResult> send(PushCredential target) {
        SimpleApnsPushNotification push = new SimpleApnsPushNotification(target.deviceTokenHex(), target.topic(),
                MdmPushPayload.of(target.pushMagic()), clock.instant().plus(EXPIRY), DeliveryPriority.IMMEDIATE,
                PushType.MDM);
        return client.sendNotification(push)
                .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> error != null ? failed(error) : result(response));
    }

    private static PushResult result(PushNotificationResponse<SimpleApnsPushNotification> response) {
        if (response.isAccepted()) {
            return new PushResult.Accepted(String.valueOf(response.getApnsId()));
        }
        return new PushResult.Rejected(response.getRejectionReason().orElse("HTTP " + response.getStatusCode()),
                response.getTokenInvalidationTimestamp().orElse(null));
    }

    private static PushResult failed(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return new PushResult.Failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", properties.environment().name().toLowerCase(java.util.Locale.ROOT));
        details.put("topic", certificate.topic());
        details.put("certificateExpires", certificate.notAfter().toString());
        details.put("gateway", properties.effectiveHost() + ":" + properties.effectivePort());
        return details;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<Instant> certificateExpires() {
        return Optional.of(certificate.notAfter());
    }

    @Override
    public void destroy() throws Exception {
        client.close().get(5, TimeUnit.SECONDS);
    }
}
