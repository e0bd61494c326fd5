package io.ueledger.kernel.identity;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An attempt to renew the identity failed: the device answered the InstallProfile with an error, or
 * did not answer within the retry interval.
 *
 * @param willRetry whether another attempt follows; false when the server gave up
 */
@Revision("1")
public record IdentityRenewalFailed(
        String enrollmentRef,
        String commandUuid,
        int attempt,
        String reason,
        boolean willRetry,
        Instant occurredAt) {
}
