package dev.commercesync.pipeline.batch;

import java.util.List;
import java.util.Map;

/**
 * Handles a whole SQS batch at once, for work that gains from seeing every record together: coalescing many updates
 * of one item into one, or one downstream call for many records (a channel's bulk API).
 */
@FunctionalInterface
public interface BatchHandler {

    /**
     * @return the outcome of each record by message id; a record without an entry is done. Throwing fails every record
     *         of the batch (each comes back after the queue's visibility timeout).
     */
    Map<String, RecordOutcome> handle(List<ReceivedMessage> messages) throws Exception;
}
