package io.ueledger.kernel.enrollment;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.device.Platform;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The data classes that this platform and OS version keep under separate keys on the device. */
@Revision("1")
public record ManagedDataKeysCreated(
        String enrollmentRef,
        Platform platform,
        String osVersion,
        List<DataClass> dataClasses,
        Instant occurredAt) {
}
