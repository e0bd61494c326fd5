package io.ueledger.ops.bench;

/**
 * One engine's figures.
 *
 * @param newEnrollments1Thread   RequestEnrollment commands/s, one caller
 * @param newEnrollments4Threads  RequestEnrollment commands/s, four callers
 * @param existingNoCache         commands/s on existing long aggregates, each loaded from its events
 * @param existingCached          the same with the aggregate cache
 * @param eventsPerLongAggregate  average events of those aggregates when their runs were over
 * @param replayEventsPerSecond   tracking-processor read throughput
 * @param replayedEvents          events the replay read
 * @param footprint               bytes on disk and schema checks
 */
record EngineResult(String engine, double newEnrollments1Thread, double newEnrollments4Threads,
                    double existingNoCache, double existingCached, double eventsPerLongAggregate,
                    double replayEventsPerSecond, long replayedEvents, StorageFootprint footprint) {
}
