package io.ueledger.kernel.unenrollment;

import io.ueledger.kernel.device.DataClass;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The separate keys of these managed-data classes are destroyed with the enrollment (on the device),
 * and so is the server's own data key of the enrollment.
 *
 * @param serverKeyCommitment hex SHA-256 of the server's data key as it was destroyed, so an auditor
 *                            holding a copy of the key can tell it was this one; never the key. Null
 *                            when the enrollment never had a server key (events older than shredding).
 */
@Revision("1")
public record ManagedDataKeysDestroyed(
        String enrollmentRef,
        List<DataClass> dataClasses,
        String serverKeyCommitment,
        Instant occurredAt) {
}
