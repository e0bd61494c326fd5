package io.ueledger.ops.bench;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Writes ready-made enrollment streams straight through the storage engine, one stream per
 * transaction: a fast way to give the store long aggregates and a large event count without timing it.
 */
final class EventSeeder {

    private final StorageUnderTest storage;
    private final EnrollmentTraffic traffic;

    EventSeeder(StorageUnderTest storage, EnrollmentTraffic traffic) {
        this.storage = storage;
        this.traffic = traffic;
    }

    /** @return the enrollment refs of the new streams */
    List<String> seed(int streams, int eventsPerStream) {
        List<String> refs = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            String ref = EnrollmentTraffic.newEnrollmentRef();
            List<DomainEventMessage<?>> events = traffic.stream(ref, eventsPerStream);
            storage.transactionManager().executeInTransaction(() -> storage.engine().appendEvents(events));
            refs.add(ref);
        }
        return refs;
    }
}
