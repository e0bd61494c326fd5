package io.ueledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.mdm.MdmCommandDelivered;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class OccurredAtTest {

    private static final Instant T0 = Instant.parse("2025-05-01T09:00:00.123456789Z");
    private static final Instant STORED = Instant.parse("2025-05-01T09:00:05Z");

    record Stamped(String enrollmentRef, Instant occurredAt) {
    }

    record Unstamped(String enrollmentRef, String occurredAt) {
    }

    @Test
    void an_event_says_when_it_happened_through_its_own_accessor() {
        assertThat(OccurredAt.of(stored(new Stamped("e1", T0)))).isEqualTo(T0);
    }

    @Test
    void a_real_event_of_the_kernel_is_read_the_same_way() {
        MdmCommandDelivered delivered = new MdmCommandDelivered("e1", "cmd-1", "InstallProfile", null, 1, T0);
        assertThat(OccurredAt.of(stored(delivered))).isEqualTo(T0);
    }

    @Test
    void the_stored_time_when_the_event_left_it_empty_has_none_or_is_not_a_record() {
        assertThat(OccurredAt.of(stored(new Stamped("e1", null)))).isEqualTo(STORED);
        assertThat(OccurredAt.of(stored(new Unstamped("e1", "yesterday")))).isEqualTo(STORED);
        assertThat(OccurredAt.of(stored("not an event"))).isEqualTo(STORED);
    }

    private static GenericDomainEventMessage<Object> stored(Object event) {
        return new GenericDomainEventMessage<>("DeviceEnrollment", "e1", 0, event, MetaData.emptyInstance(),
                "event-1", STORED);
    }
}
