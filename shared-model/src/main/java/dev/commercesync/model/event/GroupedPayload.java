package dev.commercesync.model.event;

/**
 * A payload whose events must be handled in order with others of the same group rather than of the same order: on a
 * FIFO queue the publisher uses {@link #messageGroup()} as the message group instead of the envelope's order key
 * (stock of one SKU, for example, whatever order moved it).
 */
public interface GroupedPayload {

    /** The FIFO message group: events with the same group are delivered one at a time, in the order sent. */
    String messageGroup();
}
