package io.ueledger.kernel.unenrollment;

import io.ueledger.kernel.device.DataClass;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The separate keys of these managed-data classes are destroyed with the enrollment. */
@Revision("1")
public record ManagedDataKeysDestroyed(
        String enrollmentRef,
        List<DataClass> dataClasses,
        Instant occurredAt) {
}
