package io.ueledger.command.push;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Wakes a device over APNs so it polls the MDM command channel. The contract: the payload is
 * exactly {@code {"mdm":"<PushMagic>"}} (no {@code aps}), the topic is the credential's topic, and
 * the future never completes exceptionally: transport trouble is a {@link PushResult.Failed}.
 */
public interface MdmPushSender {

    CompletableFuture<PushResult> send(PushCredential target);

    /** What an operator needs to know about this sender (mode, topic, certificate expiry). */
    Map<String, Object> describe();

    /** False when no certificate is configured and pushes are skipped. */
    boolean enabled();

    /** When the MDM push certificate stops working; empty when there is none. */
    default Optional<Instant> certificateExpires() {
        return Optional.empty();
    }
}
