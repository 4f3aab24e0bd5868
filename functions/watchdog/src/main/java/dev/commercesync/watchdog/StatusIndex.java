package dev.commercesync.watchdog;

import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.pipeline.orderstate.OrderRecord;

import java.time.Instant;
import java.util.List;

/** The order-state table's status index, as the watchdog reads it. */
public interface StatusIndex {

    /** How many orders are in {@code status} and last changed state before {@code updatedBefore}: all of them. */
    long count(ProcessingState status, Instant updatedBefore);

    /** The oldest {@code limit} of those, oldest first. */
    List<OrderRecord> oldest(ProcessingState status, Instant updatedBefore, int limit);
}
