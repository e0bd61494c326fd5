package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The device's push credentials changed for a channel (hashes only; the token itself is kept outside the ledger). */
@Revision("1")
public record PushTokenUpdated(
        String enrollmentRef,
        String enrollmentId,
        Channel channel,
        String topic,
        String tokenHash,
        String pushMagicHash,
        Instant occurredAt) {
}
