package io.ueledger.ops.bench;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.RecordAuthenticationFailure;
import io.ueledger.kernel.enrollment.RequestEnrollment;
import io.ueledger.kernel.enrollment.UserAuthenticationFailed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Realistic enrollment traffic: the commands a device's first POST and a failed sign-in produce, and
 * pre-built event streams of the same shape for seeding. Values have production sizes (a SHA-256
 * digest, a certificate subject, correlation metadata) so bytes per event mean something.
 */
final class EnrollmentTraffic {

    static final String AGGREGATE_TYPE = "DeviceEnrollment";
    private static final String IDP = "https://idp.corp.example";
    private static final String SIGNER = "CN=Apple iPhone Device CA, OU=Apple iPhone, O=Apple Inc., C=US";

    private final Clock clock = Clock.systemUTC();

    static String newEnrollmentRef() {
        return "enr-" + UUID.randomUUID();
    }

    RequestEnrollment requestEnrollment(String enrollmentRef) {
        return new RequestEnrollment(enrollmentRef, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.1",
                "22B83", "en-US", SIGNER, digest(), AuthMethod.APPLE_AS_WEB, clock.instant());
    }

    RecordAuthenticationFailure authenticationFailure(String enrollmentRef) {
        return new RecordAuthenticationFailure(enrollmentRef, IDP, "the user cancelled the sign-in", clock.instant());
    }

    /** The events an enrollment has after its first POST and {@code size - 2} failed sign-ins. */
    List<DomainEventMessage<?>> stream(String enrollmentRef, int size) {
        var at = clock.instant();
        Map<String, String> metaData = Map.of("traceId", UUID.randomUUID().toString(),
                "correlationId", UUID.randomUUID().toString());
        List<DomainEventMessage<?>> events = new ArrayList<>(size);
        events.add(event(enrollmentRef, 0, new EnrollmentRequested(enrollmentRef, "corp.example", "iPhone",
                Platform.IOS, "iPhone17,2", "18.1", "22B83", "en-US", SIGNER, digest(), at), metaData));
        events.add(event(enrollmentRef, 1, new EnrollmentChallenged(enrollmentRef, AuthMethod.APPLE_AS_WEB, at),
                metaData));
        for (int seq = 2; seq < size; seq++) {
            events.add(event(enrollmentRef, seq,
                    new UserAuthenticationFailed(enrollmentRef, IDP, "the user cancelled the sign-in", at), metaData));
        }
        return events;
    }

    private static DomainEventMessage<?> event(String ref, long seq, Object payload, Map<String, String> metaData) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, ref, seq, payload, metaData);
    }

    private static String digest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
