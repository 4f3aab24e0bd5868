package dev.commercesync.runlocal.esm;

/**
 * Counters of one event source mapping since it started.
 *
 * @param batches          invocations made
 * @param records          records delivered in them (a redelivered message counts again)
 * @param deleted          records deleted after the function succeeded for them
 * @param failedRecords    records left on the queue to come back after their visibility timeout
 * @param failedBatches    invocations that failed as a whole (error, timeout, crash, unusable response)
 * @param inFlight         invocations under way now
 */
public record MappingStats(long batches, long records, long deleted, long failedRecords, long failedBatches,
                           int inFlight) {
}
