package dev.commercesync.pipeline.messaging;

import dev.commercesync.model.event.EventEnvelope;

import java.util.List;

/** Sends events to the next hop. The SQS adapter is {@link SqsEventPublisher}. */
public interface EventPublisher {

    /**
     * Sends one event; returns only once the queue has it, so a caller that acknowledges its own input afterwards
     * never loses an event. FIFO queues get the payload's {@link dev.commercesync.model.event.GroupedPayload#messageGroup()}
     * as message group where it has one, else the envelope's order key.
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

    /**
     * Sends several events, in the order given (on a FIFO queue, the order within each message group); returns only
     * once the queue has every one of them.
     *
     * @throws PublishFailedException when some were not taken; {@link PublishFailedException#notSentEventIds()} lists
     *                                them, and every event not listed is on the queue
     */
    default void publishAll(String queueUrl, List<EventEnvelope<?>> events) {
        // One at a time, stopping at the first failure: whatever follows it is not sent, so no event ever overtakes
        // an earlier one that failed.
        for (int i = 0; i < events.size(); i++) {
            try {
                publish(queueUrl, events.get(i));
            } catch (PublishFailedException e) {
                List<String> notSent = events.subList(i, events.size()).stream().map(EventEnvelope::eventId).toList();
                throw new PublishFailedException(notSent.size() + " of " + events.size() + " events were not sent to "
                        + queueUrl, e, notSent);
            }
        }
    }
}
