package io.ueledger.ops.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Latencies and errors per endpoint, shared by all simulated devices of a run. Thread-safe. */
public class RequestTimings {

    private final Map<String, ConcurrentLinkedQueue<Long>> nanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    public void record(String endpoint, long elapsedNanos) {
        nanos.computeIfAbsent(endpoint, e -> new ConcurrentLinkedQueue<>()).add(elapsedNanos);
    }

    public void error(String endpoint) {
        errors.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
    }

    public long count(String endpoint) {
        ConcurrentLinkedQueue<Long> values = nanos.get(endpoint);
        return values == null ? 0 : values.size();
    }

    public long errors() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Per endpoint: count, errors, p50, p95, p99 in milliseconds. */
    public Map<String, Summary> summary() {
        Map<String, Summary> result = new TreeMap<>();
        nanos.forEach((endpoint, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            AtomicLong failed = errors.get(endpoint);
            result.put(endpoint, new Summary(sorted.size(), failed == null ? 0 : failed.get(),
                    percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99)));
        });
        return result;
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1_000_000.0;
    }

    public record Summary(long count, long errors, double p50Millis, double p95Millis, double p99Millis) {
    }
}
