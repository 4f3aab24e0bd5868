package dev.commercesync.opscli.dlq;

import java.time.Instant;

/**
 * One message on a dead-letter queue as the operator sees it. The identifiers come from the event envelope in the
 * body (message attributes where the body is not an envelope); the order's state and last error do not travel with
 * the message: they are looked up in the order-state table (see {@link OrderSnapshot}).
 *
 * @param sentAt          SentTimestamp: for a standard DLQ the original send to the source queue, for a FIFO DLQ
 *                        when SQS moved it there (SQS resets it for FIFO)
 * @param firstReceivedAt ApproximateFirstReceiveTimestamp
 * @param receiveCount    ApproximateReceiveCount before this look (the CLI's own receive is not counted)
 * @param messageGroupId  FIFO only: the group, kept on redrive
 * @param order           the order's state and last recorded exception, null when unknown or not an order event
 */
public record DeadLetter(String messageId, Instant sentAt, Instant firstReceivedAt, int receiveCount,
                         String messageGroupId, String schema, String channel, String orderKey, String correlationId,
                         String eventId, OrderSnapshot order) {

    public DeadLetter withOrder(OrderSnapshot snapshot) {
        return new DeadLetter(messageId, sentAt, firstReceivedAt, receiveCount, messageGroupId, schema, channel,
                orderKey, correlationId, eventId, snapshot);
    }
}
