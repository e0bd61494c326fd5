package io.ueledger.ops.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ueledger.ops.devices.AdjustableClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.LockedException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class PasswordChecksTest {

    private final AdjustableClock clock = new AdjustableClock();
    private final java.util.List<io.ueledger.kernel.staff.PasswordSignInLockedOut> lockouts =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void a_client_guessing_a_password_is_locked_out_without_any_hashing_and_the_lockout_doubles() {
        PasswordChecks checks = new PasswordChecks(1, clock, lockouts::add);
        AtomicInteger hashes = new AtomicInteger();
        asClient("192.0.2.7", "admin");
        for (int i = 0; i < PasswordChecks.FREE_FAILURES; i++) {
            assertThat(checks.check(() -> hashes.incrementAndGet() < 0)).isFalse();
        }
        assertThatThrownBy(() -> checks.check(() -> hashes.incrementAndGet() > 0)).isInstanceOf(LockedException.class);
        assertThat(hashes).hasValue(PasswordChecks.FREE_FAILURES);
        assertThat(lockouts).singleElement().satisfies(lockout -> {
            assertThat(lockout.client()).isEqualTo("192.0.2.7 as 'admin'");
            assertThat(lockout.failuresInARow()).isEqualTo(PasswordChecks.FREE_FAILURES);
            assertThat(lockout.lockedUntil()).isEqualTo(lockout.occurredAt().plus(PasswordChecks.FIRST_LOCKOUT));
        });

        clock.advance(PasswordChecks.FIRST_LOCKOUT.plusSeconds(1));
        assertThat(checks.check(() -> false)).isFalse(); // one more failure: twice as long
        clock.advance(PasswordChecks.FIRST_LOCKOUT.plusSeconds(1));
        assertThatThrownBy(() -> checks.check(() -> true)).isInstanceOf(LockedException.class);

        asClient("198.51.100.9", "admin"); // another client is not locked out
        assertThat(checks.check(() -> true)).isTrue();
    }

    @Test
    void the_right_password_resets_the_count() {
        PasswordChecks checks = new PasswordChecks(1, clock, lockouts::add);
        asClient("192.0.2.8", "admin");
        for (int i = 0; i < PasswordChecks.FREE_FAILURES - 1; i++) {
            checks.check(() -> false);
        }
        assertThat(checks.check(() -> true)).isTrue();
        for (int i = 0; i < PasswordChecks.FREE_FAILURES - 1; i++) {
            assertThat(checks.check(() -> false)).isFalse();
        }
        assertThat(checks.check(() -> true)).isTrue();
    }

    @Test
    void no_more_checks_run_at_once_than_there_are_slots() throws Exception {
        PasswordChecks checks = new PasswordChecks(2, clock, lockouts::add);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(12);
        ExecutorService flood = Executors.newFixedThreadPool(12);
        for (int i = 0; i < 12; i++) {
            int n = i;
            flood.submit(() -> {
                RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request("203.0.113." + n, "x")));
                try {
                    checks.check(() -> {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        long until = System.nanoTime() + 20_000_000; // stands in for bcrypt's CPU work
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        running.decrementAndGet();
                        return false;
                    });
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        flood.shutdown();
        assertThat(most.get()).isBetween(1, 2);
    }

    private static void asClient(String address, String user) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request(address, user)));
    }

    private static MockHttpServletRequest request(String address, String user) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        request.addParameter("username", user);
        return request;
    }
}
