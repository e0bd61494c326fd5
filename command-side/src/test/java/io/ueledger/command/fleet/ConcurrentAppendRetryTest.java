package io.ueledger.command.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentAppendRetryTest {

    private final ConcurrentAppendRetry retry = ConcurrentAppendRetry.of(3, Duration.ofMillis(1));

    @AfterEach
    void close() {
        retry.close();
    }

    @Test
    void a_lost_append_race_is_retried_even_when_it_carries_the_database_error_as_its_cause() throws Exception {
        CountDownLatch retried = new CountDownLatch(1);
        ConcurrencyException lost = new ConcurrencyException("sequence 7 already exists",
                new IllegalStateException("duplicate key value violates unique constraint"));

        assertThat(retry.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), lost, failures(lost),
                retried::countDown)).isTrue();
        assertThat(retried.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_business_refusal_or_a_storage_failure_is_answered_at_once() {
        RuntimeException refusal = new IllegalStateException("the enrollment is closed");
        RuntimeException storage = new EventStoreException("disk full");

        assertThat(retry.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), refusal, failures(refusal),
                () -> { })).isFalse();
        assertThat(retry.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), storage, failures(storage),
                () -> { })).isFalse();
    }

    @Test
    void the_retries_are_bounded() {
        ConcurrencyException lost = new ConcurrencyException("lost again");
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            failures.add(chain(lost));
        }

        assertThat(retry.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"), lost, failures, () -> { }))
                .isFalse();
    }

    private static List<Class<? extends Throwable>[]> failures(Throwable failure) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(chain(failure));
        return failures;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] chain(Throwable failure) {
        return new Class[] {failure.getClass()};
    }
}
