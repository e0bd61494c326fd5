package io.ueledger.ops.push;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;

/**
 * Pushy's mock APNs server on localhost over TLS, requiring the test MDM push certificate as client
 * certificate. It accepts every push except to tokens marked unregistered, and remembers what came in.
 */
final class MockApns {

    record Received(String deviceToken, Map<String, String> headers, String payload, Instant at, String rejection) {
    }

    /** What the mock answers for unregistered tokens: "invalid since", in whole milliseconds as on the wire. */
    static final Instant UNREGISTERED_SINCE = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final MockApnsServer server;
    private final int port;

    MockApns(TestPki.Issued serverCertificate, Path trustedClientPem) {
        try {
            server = new MockApnsServerBuilder()
                    .setServerCredentials(new X509Certificate[] {serverCertificate.certificate()},
                            serverCertificate.keys().getPrivate(), null)
                    .setTrustedClientCertificateChain(trustedClientPem.toFile())
                    .setHandlerFactory(session -> handler())
                    .setListener(new Recorder())
                    .build();
            port = server.start(0).get();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("mock APNs server did not start", e);
        }
    }

    int port() {
        return port;
    }

    void markUnregistered(String deviceTokenHex) {
        unregistered.add(deviceTokenHex);
    }

    List<Received> to(String deviceTokenHex) {
        return received.stream().filter(r -> r.deviceToken().equals(deviceTokenHex)).toList();
    }

    private PushNotificationHandler handler() {
        return (headers, payload) -> {
            if (unregistered.contains(token(headers))) {
                throw new UnregisteredDeviceTokenException(UNREGISTERED_SINCE);
            }
        };
    }

    private static String token(Http2Headers headers) {
        String path = String.valueOf(headers.path());
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private final class Recorder implements MockApnsServerListener {

        @Override
        public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
            record(headers, payload, null);
        }

        @Override
        public void handlePushNotificationRejected(Http2Headers headers, ByteBuf payload, RejectionReason reason,
                                                   Instant deviceTokenExpirationTimestamp) {
            record(headers, payload, reason.name());
        }

        private void record(Http2Headers headers, ByteBuf payload, String rejection) {
            Map<String, String> copy = new java.util.HashMap<>();
            headers.forEach(entry -> copy.put(entry.getKey().toString(), entry.getValue().toString()));
            received.add(new Received(token(headers), copy,
                    payload == null ? null : payload.toString(StandardCharsets.UTF_8), Instant.now(), rejection));
        }
    }
}
