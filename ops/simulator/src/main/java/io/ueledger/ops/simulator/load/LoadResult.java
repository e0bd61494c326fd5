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
        List<String> errorSamples) {

    /**
     * One timed phase.
     *
     * @param items  what the phase counts (devices enrolled, commands queued, command results reported)
     * @param events rows appended to the event store during the phase
     */
    public record Phase(String name, long items, String unit, double seconds, long events) {

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
