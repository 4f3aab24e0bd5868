package dev.commercesync.pipeline.batch;

/**
 * Handles one record. Returning means done (the message is deleted). Throwing leaves the message on the queue for
 * another attempt and, after the queue's maxReceiveCount, the DLQ. Business failures are not exceptions: a handler
 * records them (e.g. MAPPING_FAILED on the order state) and returns.
 */
@FunctionalInterface
public interface RecordHandler {
    void handle(ReceivedMessage message) throws Exception;
}
