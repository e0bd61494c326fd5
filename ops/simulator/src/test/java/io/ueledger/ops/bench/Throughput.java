package io.ueledger.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs an operation in a loop on N threads: untimed warm-up, then a timed window; returns operations per second. */
final class Throughput {

    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    private Throughput() {
    }

    static double perSecond(int threads, Duration warmup, Duration measure, Operation operation)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    while (running.get()) {
                        operation.run();
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    running.set(false);
                }
            }, "bench-worker-" + i);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(warmup.toMillis());
        long startCount = done.get();
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        // A window too short for even one operation (a loaded machine, a tiny test run) would report 0/s;
        // stretch it to the first completion so the figure is a slow rate, not a false zero.
        while (!measure.isZero() && done.get() == startCount && running.get()) {
            Thread.sleep(1);
        }
        long endCount = done.get();
        long end = System.nanoTime();
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a benchmark operation failed", failure.get());
        }
        return measure.isZero() ? 0 : (endCount - startCount) / ((end - start) / 1e9);
    }
}
