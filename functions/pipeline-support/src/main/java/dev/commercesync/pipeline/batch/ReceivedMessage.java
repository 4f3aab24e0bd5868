package dev.commercesync.pipeline.batch;

import java.util.Map;

/**
 * One SQS record as a function sees it.
 *
 * @param messageId      SQS message id; stable across redeliveries of the same message
 * @param body           the message body (an event envelope)
 * @param queueName      the queue it came from
 * @param receiveCount   how many times SQS has handed it out, this time included
 * @param messageGroupId the FIFO message group, null on a standard queue
 * @param attributes     string message attributes (correlation id, trace context, schema)
 */
public record ReceivedMessage(String messageId, String body, String queueName, int receiveCount,
                              String messageGroupId, Map<String, String> attributes) {

    public String attribute(String name) {
        return attributes.get(name);
    }
}
