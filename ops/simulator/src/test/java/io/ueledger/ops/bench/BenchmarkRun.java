package io.ueledger.ops.bench;

import java.time.Duration;
import java.util.List;

/**
 * A finished run: the figures per engine and the facts needed to read them.
 *
 * @param storageSettings what the benchmark's PostgreSQL answered to SHOW fsync, SHOW synchronous_commit, ...
 * @param loadBefore the machine's one-minute load average when the run began (other work on the cores)
 * @param loadAfter  the same when it ended
 */
record BenchmarkRun(List<EngineResult> results, String postgresVersion, java.util.Map<String, String> storageSettings,
                    Duration took, double loadBefore, double loadAfter) {
}
