package io.ueledger.command.enrollment;

import io.ueledger.kernel.device.Platform;
import io.ueledger.kernel.enrollment.AuthMethod;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.enrollment.DeviceAuthenticated;
import io.ueledger.kernel.enrollment.DeviceEnrolled;
import io.ueledger.kernel.enrollment.EnrollmentChallenged;
import io.ueledger.kernel.enrollment.EnrollmentRequested;
import io.ueledger.kernel.enrollment.PushTokenUpdated;
import io.ueledger.kernel.push.PushRejected;
import io.ueledger.kernel.push.RecordPushRejection;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import java.time.Instant;
import io.ueledger.command.shredding.InMemoryDataKeyStore;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeviceEnrollmentPushRejectionTest {

    private static final String REF = "enr-1";
    private static final String EID = "EID-1";
    private static final String TOPIC = "com.apple.mgmt.External.test";
    private static final String TOKEN_HASH = "aa11";
    private static final Instant AT = Instant.parse("2026-03-03T10:00:00Z");
    private static final Instant INVALID_SINCE = Instant.parse("2026-03-02T08:00:00Z");

    private AggregateTestFixture<DeviceEnrollment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeviceEnrollment.class);
        fixture.registerInjectableResource(new InMemoryDataKeyStore());
    }

    private Object[] enrolled() {
        return new Object[] {
                new EnrollmentRequested(REF, "corp.example", "iPhone", Platform.IOS, "iPhone17,2", "18.2.1", "22C161",
                        "en", "CN=device", "digest", AT),
                new EnrollmentChallenged(REF, AuthMethod.APPLE_AS_WEB, AT),
                new DeviceAuthenticated(REF, EID, Channel.DEVICE, Platform.IOS, "iPhone17,2", "18.2.1", "22C161", AT),
                new PushTokenUpdated(REF, EID, Channel.DEVICE, TOPIC, TOKEN_HASH, "magic-hash", AT),
                new DeviceEnrolled(REF, EID, Platform.IOS, "18.2.1", "alice@corp.example", AT)};
    }

    @Test
    void an_unregistered_answer_for_the_current_token_is_recorded_with_the_apns_timestamp() {
        fixture.given(enrolled())
                .when(new RecordPushRejection(REF, Channel.DEVICE, "Unregistered", TOKEN_HASH, INVALID_SINCE, AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PushRejected(REF, Channel.DEVICE, "Unregistered", TOKEN_HASH, INVALID_SINCE, AT));
    }

    @Test
    void a_rejection_of_a_token_the_device_has_since_replaced_is_ignored() {
        fixture.given(enrolled())
                .when(new RecordPushRejection(REF, Channel.DEVICE, "BadDeviceToken", "old-token-hash", null, AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_rejection_arriving_after_the_enrollment_closed_is_ignored_without_an_error() {
        fixture.given(enrolled())
                .andGiven(new EnrollmentClosed(REF, ClosureReason.CHECKED_OUT, AT))
                .when(new RecordPushRejection(REF, Channel.DEVICE, "Unregistered", TOKEN_HASH, INVALID_SINCE, AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_rejection_for_a_channel_that_never_had_a_token_is_refused() {
        fixture.given(enrolled())
                .when(new RecordPushRejection(REF, Channel.user("user-A"), "Unregistered", TOKEN_HASH, null, AT))
                .expectException(EnrollmentRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no push token is known for the user:user-A"))
                .expectNoEvents();
    }

    @Test
    void a_rejection_without_a_reason_is_refused() {
        fixture.given(enrolled())
                .when(new RecordPushRejection(REF, Channel.DEVICE, " ", TOKEN_HASH, null, AT))
                .expectException(EnrollmentRuleViolation.class)
                .expectNoEvents();
    }
}
