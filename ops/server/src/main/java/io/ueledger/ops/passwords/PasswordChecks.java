package io.ueledger.ops.passwords;

import io.ueledger.kernel.staff.PasswordSignInLockedOut;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every password check of this server (HTTP Basic for the APIs, the built-in provider's sign-in form) goes
 * through here. bcrypt is slow on purpose (~80 ms of a core), so: at most half the cores hash passwords at
 * once, and a wrong-password flood waits for those slots instead of taking the cores from devices; and a
 * client that keeps guessing one user's password is locked out of that user for a while, doubling with each
 * further failure, without any hashing at all while the lock-out lasts.
 */
public final class PasswordChecks {

    private static final Logger log = LoggerFactory.getLogger(PasswordChecks.class);
    public static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCKOUT = Duration.ofMinutes(15);
    private static final Duration SLOT_WAIT = Duration.ofSeconds(5);

    private final Semaphore hashing;
    private final int slots;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Consumer<PasswordSignInLockedOut> lockouts;

    private record Failures(int count, Instant lockedUntil) {
    }

    /** @param lockouts where each lock-out is recorded (the event store, in the server) */
    public PasswordChecks(Clock clock, Consumer<PasswordSignInLockedOut> lockouts) {
        this(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), clock, lockouts);
    }

    PasswordChecks(int slots, Clock clock, Consumer<PasswordSignInLockedOut> lockouts) {
        this.slots = slots;
        this.hashing = new Semaphore(slots, true);
        this.clock = clock;
        this.lockouts = lockouts;
    }

    /** The same encoder, with its {@code matches} bounded and recorded per client. */
    public PasswordEncoder guard(PasswordEncoder encoder) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return check(() -> encoder.matches(raw, encoded));
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return encoder.upgradeEncoding(encoded);
            }
        };
    }

    interface Check {
        boolean matches();
    }

    boolean check(Check check) {
        String client = client();
        Failures before = failures.get(client);
        Instant now = clock.instant();
        if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
            throw new LockedException("Too many wrong passwords from this client; try again after "
                    + before.lockedUntil());
        }
        boolean acquired;
        try {
            acquired = hashing.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            log.warn("Password check refused for {}: all {} password-hashing slots busy for {} s", client, slots,
                    SLOT_WAIT.toSeconds());
            throw new AuthenticationServiceException("The server is busy checking passwords; try again shortly");
        }
        boolean matches;
        try {
            matches = check.matches();
        } finally {
            hashing.release();
        }
        if (matches) {
            failures.remove(client);
        } else {
            recordFailure(client, now);
        }
        return matches;
    }

    private void recordFailure(String client, Instant now) {
        Failures after = failures.compute(client, (key, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            if (count < FREE_FAILURES) {
                return new Failures(count, null);
            }
            long doublings = Math.min(count - FREE_FAILURES, 10);
            Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << doublings);
            if (lockout.compareTo(LONGEST_LOCKOUT) > 0) {
                lockout = LONGEST_LOCKOUT;
            }
            return new Failures(count, now.plus(lockout));
        });
        if (after.lockedUntil() != null) {
            log.warn("Password sign-in locked for {} until {} after {} wrong passwords in a row", client,
                    after.lockedUntil(), after.count());
            try {
                lockouts.accept(new PasswordSignInLockedOut(client, after.count(), after.lockedUntil(), now));
            } catch (RuntimeException e) {
                // the lock-out holds in memory either way; a store that is down must not let the guesser in
                log.error("Could not record the lock-out of {}: {}", client, e.toString());
            }
        } else {
            log.info("Wrong password from {} ({} in a row)", client, after.count());
        }
    }

    /** Who is guessing: the caller's address and the user name tried (as far as the request tells). */
    private static String client() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String user = request.getParameter("username");
            if (user == null) {
                String header = request.getHeader("Authorization");
                if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                    try {
                        String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
                                java.nio.charset.StandardCharsets.UTF_8);
                        user = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
                    } catch (IllegalArgumentException e) {
                        user = "?";
                    }
                }
            }
            return request.getRemoteAddr() + " as '" + user + "'";
        }
        return "unknown client";
    }
}
