package io.ueledger.kernel.enrollment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The device was told to authenticate its user (401 Bearer challenge) with this method. */
@Revision("1")
public record EnrollmentChallenged(
        String enrollmentRef,
        AuthMethod authMethod,
        Instant occurredAt) {
}
