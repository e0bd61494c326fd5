package io.ueledger.kernel.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The server queued a fresh enrollment profile (InstallProfile {@code commandUuid}) so the device
 * renews the identity certificate {@code serialNumber}, which expires at {@code notAfter}.
 *
 * @param attempt     1 for the first attempt of this renewal, counting up on each retry
 * @param maxAttempts how many attempts the server makes before it gives up
 */
@Revision("1")
public record IdentityRenewalStarted(
        String enrollmentRef,
        String commandUuid,
        String serialNumber,
        Instant notAfter,
        int attempt,
        int maxAttempts,
        Instant occurredAt) {
}
