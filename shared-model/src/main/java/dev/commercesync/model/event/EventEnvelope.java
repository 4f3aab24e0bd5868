package dev.commercesync.model.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The envelope around every event on every queue.
 *
 * @param schema         versioned schema id of the payload, e.g. {@value SchemaId#ORDER_V1}
 * @param eventId        unique id of this event (a new one at every hop)
 * @param correlationId  the id that follows one order's intake through every hop and log line
 * @param causationId    eventId of the event that caused this one, null for the first
 * @param occurredAt     when this event was produced (UTC)
 * @param channel        sales channel id ({@code shopify}, {@code amazon}, {@code ebay})
 * @param orderKey       {@link dev.commercesync.model.order.ChannelOrderKey} text form
 * @param idempotencyKey the key dedupe uses: channel, order id, channel event and source version
 * @param trail          steps this order passed since the order state was last written; the next state write
 *                       appends them to the timeline, which keeps DynamoDB writes per order low
 * @param payload        the event body
 */
public record EventEnvelope<P>(
        String schema,
        String eventId,
        String correlationId,
        String causationId,
        Instant occurredAt,
        String channel,
        String orderKey,
        String idempotencyKey,
        List<TimelineEntry> trail,
        P payload) {

    public EventEnvelope {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        trail = trail == null ? List.of() : List.copyOf(trail);
    }
}
