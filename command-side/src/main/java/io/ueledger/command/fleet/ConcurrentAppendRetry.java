package io.ueledger.command.fleet;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The bounded retry for a command that lost a race to append to its aggregate (the store's unique
 * aggregate id + sequence number refused it, which Axon reports as a {@link ConcurrencyException}).
 * With {@link AggregateWriterLock} this should not happen; it remains the safety net (e.g. two
 * nodes creating the same aggregate). Only that conflict is retried: a business refusal or any
 * other failure is answered at once, as without the retry.
 */
public final class ConcurrentAppendRetry extends IntervalRetryScheduler implements AutoCloseable {

    private final ScheduledExecutorService executor;

    private ConcurrentAppendRetry(Builder builder, ScheduledExecutorService executor) {
        super(builder);
        this.executor = executor;
    }

    /** Retries on its own daemon thread (not a Spring bean: @Scheduled would pick up an executor bean). */
    public static ConcurrentAppendRetry of(int maxRetries, Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return new ConcurrentAppendRetry(IntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(maxRetries)
                .retryInterval((int) interval.toMillis()), executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Axon asks this of the failure and then of each cause; the whole chain decides here. */
    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !isConcurrentAppend(failure);
    }

    static boolean isConcurrentAppend(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
