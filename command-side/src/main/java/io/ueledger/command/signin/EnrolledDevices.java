package io.ueledger.command.signin;

import io.ueledger.kernel.enrollment.EnrollmentRequested;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads the device facts of an enrollment from its first event. The sign-in page is shown once
 * per enrollment, so reading the stream's head is cheap and needs no view of its own.
 */
@Component
class EnrolledDevices {

    private final EventStore events;

    EnrolledDevices(EventStore events) {
        this.events = events;
    }

    Optional<EnrolledDevice> find(String enrollmentRef) {
        return events.readEvents(enrollmentRef).asStream()
                .map(message -> message.getPayload())
                .filter(EnrollmentRequested.class::isInstance)
                .map(EnrollmentRequested.class::cast)
                .findFirst()
                .map(e -> new EnrolledDevice(e.platform(), e.osVersion(), e.product()));
    }
}
