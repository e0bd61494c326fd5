package io.ueledger.ops.simulator.load;

import io.ueledger.ops.simulator.RequestTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a load run measured and what its checks found. */
public record LoadResult(
        LoadPlan plan,
        Instant startedAt,
        MachineFacts machine,
        double loadAverageAtEnd,
        Duration oneKeyGeneration,
        int keyPool,
        Duration keyPoolGeneration,
        List<Phase> phases,
        Map<String, RequestTimings.Summary> latencies,
        Checks checks,
        List<String> errorSamples,
        ServerSide server) {

    /**
     * The server under test as it reported itself.
     *
     * @param description       how it ran (a child JVM of the run, or a server the user started)
     * @param storage           settings read from PostgreSQL with {@code SHOW}
     * @param pools             the connection pool, request threads and concurrency limits it ran with, as it read them
     * @param cpuMeasured       whether its JVM's CPU time could be read from /proc
     * @param postgresCpuMeasured whether its PostgreSQL processes' CPU time could be read too
     */
    public record ServerSide(String description, Map<String, String> storage, Map<String, Integer> pools,
                             boolean cpuMeasured, boolean postgresCpuMeasured, long heapAfterGcBytes, long heapMaxBytes,
                             Map<String, Long> processorLagAtEnd) {
    }

    /**
     * One timed phase.
     *
     * @param items  what the phase counts (devices enrolled, commands queued, command results reported)
     * @param events rows appended to the event store during the phase
     * @param serverJvmCpuMillis      CPU time the server JVM spent in the phase (-1: not measurable)
     * @param serverPostgresCpuMillis CPU time its PostgreSQL processes spent in the phase (-1: not measurable)
     * @param lagAtEnd                events each processor still had to handle when the phase ended
     * @param heapAfterGcBytes        the server's heap in use after its last collection, at the phase's end
     */
    public record Phase(String name, long items, String unit, double seconds, long events, long serverJvmCpuMillis,
                        long serverPostgresCpuMillis, Map<String, Long> lagAtEnd, long heapAfterGcBytes) {

        /** JVM plus PostgreSQL CPU time of the server in the phase; -1 when the JVM's was not measurable. */
        public long serverCpuMillis() {
            return serverJvmCpuMillis < 0 ? -1 : serverJvmCpuMillis + Math.max(0, serverPostgresCpuMillis);
        }

        /** Server CPU milliseconds per item (result, device, command); -1 when not measured. */
        public double serverCpuMillisPerItem() {
            return serverCpuMillis() < 0 || items == 0 ? -1 : (double) serverCpuMillis() / items;
        }

        public double perSecond() {
            return seconds <= 0 ? 0 : items / seconds;
        }

        public double eventsPerSecond() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    /**
     * @param queued             commands queued for devices that polled (the others count in notRun)
     * @param acknowledgedOnce   of those, commands with exactly one MdmCommandAcknowledged event in the store
     * @param lost               commands with none
     * @param duplicated         acknowledgements beyond the first, summed over all commands
     * @param acknowledgedResults Acknowledged results the devices sent
     * @param notNowResults      NotNow results the devices sent
     * @param enrollmentFailures devices that did not finish enrolling
     * @param channelFailures    devices whose command channel failed or did not get all their commands
     * @param notRun             devices or steps the time limit stopped before they began
     */
    public record Checks(long queued, long acknowledgedOnce, long lost, long duplicated, long acknowledgedResults,
                         long notNowResults, long enrollmentFailures, long queueFailures, long channelFailures,
                         long notRun, long transportErrors) {

        public long errors() {
            return enrollmentFailures + queueFailures + channelFailures + transportErrors;
        }

        public boolean clean() {
            return errors() == 0 && lost == 0 && duplicated == 0 && notRun == 0;
        }
    }

    public Phase phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
