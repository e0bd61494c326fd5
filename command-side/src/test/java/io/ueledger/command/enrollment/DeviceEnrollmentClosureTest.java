package io.ueledger.command.enrollment;

import static io.ueledger.command.enrollment.EnrollmentStories.IOS_18_CLASSES;
import static io.ueledger.command.enrollment.EnrollmentStories.PROFILE_ID;
import static io.ueledger.command.enrollment.EnrollmentStories.PUSH_HASH;
import static io.ueledger.command.enrollment.EnrollmentStories.REF;
import static io.ueledger.command.enrollment.EnrollmentStories.at;
import static io.ueledger.command.enrollment.EnrollmentStories.enrolled;

import io.ueledger.command.shredding.InMemoryDataKeyStore;
import io.ueledger.kernel.enrollment.Channel;
import io.ueledger.kernel.mdm.MdmCommandDelivered;
import io.ueledger.kernel.push.PushRejected;
import io.ueledger.kernel.push.RecordPushRejection;
import io.ueledger.kernel.unenrollment.CloseSilentEnrollment;
import io.ueledger.kernel.unenrollment.ClosureReason;
import io.ueledger.kernel.unenrollment.EnrollmentClosed;
import io.ueledger.kernel.unenrollment.ManagedDataKeysDestroyed;
import io.ueledger.kernel.unenrollment.ManagedDataRemoved;
import io.ueledger.kernel.unenrollment.UnenrollmentRequested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing a device that cannot say goodbye: silence and a token APNs no longer knows. */
class DeviceEnrollmentClosureTest {

    private static final Duration FOURTEEN_DAYS = Duration.ofDays(14);

    private AggregateTestFixture<DeviceEnrollment> fixture;
    private InMemoryDataKeyStore keys;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DeviceEnrollment.class);
        keys = new InMemoryDataKeyStore();
        fixture.registerInjectableResource(keys);
    }

    private static List<Object> pending(Object... more) {
        List<Object> events = new ArrayList<>(enrolled());
        events.add(new UnenrollmentRequested(REF, "admin", "lost", "u1", PROFILE_ID, at(20)));
        events.addAll(List.of(more));
        return events;
    }

    private static Object[] closingEvents(ClosureReason reason, java.time.Instant when) {
        return new Object[] {
                new ManagedDataKeysDestroyed(REF, IOS_18_CLASSES, InMemoryDataKeyStore.commitment(REF), when),
                new ManagedDataRemoved(REF, List.of(PROFILE_ID), List.of(), List.of(), List.of(), when),
                new EnrollmentClosed(REF, reason, when)};
    }

    @Test
    void a_device_silent_for_the_whole_period_after_the_request_is_closed_and_its_key_destroyed() {
        var when = at(20).plus(FOURTEEN_DAYS);
        fixture.given(pending())
                .when(new CloseSilentEnrollment(REF, FOURTEEN_DAYS, when))
                .expectEvents(closingEvents(ClosureReason.SILENCE, when));
        org.assertj.core.api.Assertions.assertThat(keys.isDestroyed(REF)).isTrue();
    }

    @Test
    void a_device_that_spoke_after_the_request_is_not_silent_until_the_period_has_passed_since() {
        fixture.given(pending(new MdmCommandDelivered(REF, "u1", "RemoveProfile", Channel.DEVICE, 1, at(20 + 60 * 24))))
                .when(new CloseSilentEnrollment(REF, FOURTEEN_DAYS, at(20).plus(FOURTEEN_DAYS)))
                .expectNoEvents()
                .expectException(EnrollmentRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("silent only since"));
    }

    @Test
    void silence_does_not_close_an_enrollment_nobody_asked_to_unenroll() {
        fixture.given(enrolled())
                .when(new CloseSilentEnrollment(REF, FOURTEEN_DAYS, at(20).plus(FOURTEEN_DAYS)))
                .expectNoEvents()
                .expectException(EnrollmentRuleViolation.class);
    }

    @Test
    void an_unregistered_token_while_unenrollment_is_pending_closes_the_enrollment() {
        fixture.given(pending())
                .when(new RecordPushRejection(REF, Channel.DEVICE, "Unregistered", PUSH_HASH, at(25), at(30)))
                .expectEvents(concat(new PushRejected(REF, Channel.DEVICE, "Unregistered", PUSH_HASH, at(25), at(30)),
                        closingEvents(ClosureReason.APNS_UNREGISTERED, at(30))));
    }

    @Test
    void an_unregistered_token_of_an_enrolled_device_is_only_recorded() {
        fixture.given(enrolled())
                .when(new RecordPushRejection(REF, Channel.DEVICE, "Unregistered", PUSH_HASH, at(25), at(30)))
                .expectEvents(new PushRejected(REF, Channel.DEVICE, "Unregistered", PUSH_HASH, at(25), at(30)));
    }

    private static Object[] concat(Object first, Object[] rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all.toArray();
    }
}
