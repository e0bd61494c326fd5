package io.ueledger.command.push;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds bursts of push requests into one push per channel. The first request for a channel opens a
 * window; requests arriving before it closes ride along; when it closes, one push is sent. One push
 * is enough because a woken device drains its whole queue before it stops polling. The window is
 * fixed from the first request (not sliding), so a steady trickle of commands cannot starve a device.
 */
final class PushCoalescer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushCoalescer.class);

    private final Set<PushTarget> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "apns-push");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration window;
    private final Consumer<PushTarget> push;
    private final Runnable onCoalesced;

    PushCoalescer(Duration window, Consumer<PushTarget> push, Runnable onCoalesced) {
        this.window = window;
        this.push = push;
        this.onCoalesced = onCoalesced;
    }

    void request(PushTarget target) {
        if (!pending.add(target)) {
            onCoalesced.run();
            return;
        }
        scheduler.schedule(() -> fire(target), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire(PushTarget target) {
        // Leave the window before pushing, so a command queued while the push is on its way gets a push of its own.
        pending.remove(target);
        try {
            push.accept(target);
        } catch (RuntimeException e) {
            log.warn("Push to {} channel {} failed: {}", target.enrollmentRef(), target.channel(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
