package dev.commercesync.pipeline.messaging;

import dev.commercesync.model.event.EventEnvelope;

/** Sends events to the next hop. The SQS adapter is {@link SqsEventPublisher}. */
public interface EventPublisher {

    /**
     * Sends one event; returns only once the queue has it, so a caller that acknowledges its own input afterwards
     * never loses an event. FIFO queues get the envelope's order key as message group.
     *
     * @throws PublishFailedException when the queue did not take the event
     */
    void publish(String queueUrl, EventEnvelope<?> event);

    /**
     * As {@link #publish(String, EventEnvelope)} for a caller that already encoded the event (ingest does, to check
     * its size against the queue's limit): an adapter that sends bytes sends {@code encodedBody} instead of encoding
     * the event a second time.
     */
    default void publish(String queueUrl, EventEnvelope<?> event, String encodedBody) {
        publish(queueUrl, event);
    }
}
