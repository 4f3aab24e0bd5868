package dev.commercesync.pipeline.messaging;

import java.util.List;

/**
 * The queue did not accept an event; the caller must not acknowledge its input. After
 * {@link EventPublisher#publishAll}, {@link #notSentEventIds()} says which events the queue does not have (every
 * other event of the call is on the queue).
 */
public class PublishFailedException extends RuntimeException {

    private final List<String> notSentEventIds;

    public PublishFailedException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    public PublishFailedException(String message, Throwable cause, List<String> notSentEventIds) {
        super(message, cause);
        this.notSentEventIds = List.copyOf(notSentEventIds);
    }

    /**
     * Event ids, in the order given, that are not on the queue; empty when the failure was of a single
     * {@link EventPublisher#publish} (that one event was not sent).
     */
    public List<String> notSentEventIds() {
        return notSentEventIds;
    }
}
