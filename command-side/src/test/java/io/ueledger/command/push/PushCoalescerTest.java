package io.ueledger.command.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.ueledger.kernel.enrollment.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushCoalescerTest {

    private static final Duration WINDOW = Duration.ofMillis(150);
    private static final PushTarget DEVICE_A = new PushTarget("enr-a", Channel.DEVICE);
    private static final PushTarget USER_A = new PushTarget("enr-a", Channel.user("u1"));
    private static final PushTarget DEVICE_B = new PushTarget("enr-b", Channel.DEVICE);

    private final List<PushTarget> pushed = new CopyOnWriteArrayList<>();
    private final AtomicInteger coalesced = new AtomicInteger();
    private final PushCoalescer coalescer = new PushCoalescer(WINDOW, pushed::add, coalesced::incrementAndGet);

    @AfterEach
    void tearDown() {
        coalescer.close();
    }

    @Test
    void a_burst_for_one_channel_gives_one_push_after_the_window() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            coalescer.request(DEVICE_A);
        }
        assertThat(pushed).as("nothing is sent before the window closes").isEmpty();

        Thread.sleep(WINDOW.multipliedBy(3).toMillis());

        assertThat(pushed).containsExactly(DEVICE_A);
        assertThat(coalesced).hasValue(4);
    }

    @Test
    void different_channels_and_enrollments_are_pushed_separately() throws InterruptedException {
        coalescer.request(DEVICE_A);
        coalescer.request(USER_A);
        coalescer.request(DEVICE_B);

        Thread.sleep(WINDOW.multipliedBy(3).toMillis());

        assertThat(pushed).containsExactlyInAnyOrder(DEVICE_A, USER_A, DEVICE_B);
        assertThat(coalesced).hasValue(0);
    }

    @Test
    void a_command_queued_after_the_push_went_out_gets_a_push_of_its_own() throws InterruptedException {
        coalescer.request(DEVICE_A);
        Thread.sleep(WINDOW.multipliedBy(3).toMillis());

        coalescer.request(DEVICE_A);
        Thread.sleep(WINDOW.multipliedBy(3).toMillis());

        assertThat(pushed).containsExactly(DEVICE_A, DEVICE_A);
    }

    @Test
    void a_failing_push_does_not_stop_later_pushes() throws InterruptedException {
        List<PushTarget> survived = new CopyOnWriteArrayList<>();
        try (PushCoalescer failingOnce = new PushCoalescer(WINDOW, target -> {
            if (target.equals(DEVICE_A)) {
                throw new IllegalStateException("database down");
            }
            survived.add(target);
        }, () -> { })) {
            failingOnce.request(DEVICE_A);
            Thread.sleep(WINDOW.multipliedBy(2).toMillis());
            failingOnce.request(DEVICE_B);
            Thread.sleep(WINDOW.multipliedBy(3).toMillis());
        }
        assertThat(survived).containsExactly(DEVICE_B);
    }
}
