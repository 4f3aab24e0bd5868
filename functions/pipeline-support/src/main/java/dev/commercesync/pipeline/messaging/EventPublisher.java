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
}
