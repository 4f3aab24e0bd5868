package dev.commercesync.model.event;

import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.ChannelOrderKey;

import java.time.Instant;
import java.util.Objects;

/**
 * The identity of one version of one order as one channel event delivered it, and the idempotency key dedupe claims:
 * {@code <channel>:<channelOrderId>:<channelEventType or "order">:<sourceUpdatedAt ISO-8601>}, for example
 * {@code shopify:5823416025378:orders/updated:2026-11-21T14:30:00Z}.
 * <p>
 * The channel's own version ({@code sourceUpdatedAt}) is in the key, not the delivery id: a redelivered webhook or
 * a re-polled order carries the same version and is a duplicate, while a genuine update carries a later one.
 *
 * @param order           the order across the whole system
 * @param eventType       the channel's event name ({@code orders/create}), or {@code order} where the channel has none
 * @param sourceUpdatedAt the channel's version of the order
 */
public record OrderEventKey(ChannelOrderKey order, String eventType, Instant sourceUpdatedAt) {

    /** Event type used when the channel names none (Amazon and eBay are polled, not pushed). */
    public static final String DEFAULT_EVENT_TYPE = "order";

    public OrderEventKey {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(sourceUpdatedAt, "sourceUpdatedAt");
        eventType = eventType == null || eventType.isBlank() ? DEFAULT_EVENT_TYPE : eventType;
    }

    public static OrderEventKey of(CanonicalOrder order, RawOrderReceived raw) {
        return new OrderEventKey(order.key(), raw == null ? null : raw.channelEventType(), order.sourceUpdatedAt());
    }

    /** The idempotency key for the envelope that carries {@code order}, mapped from {@code raw}. */
    public static String idempotencyKey(CanonicalOrder order, RawOrderReceived raw) {
        return of(order, raw).value();
    }

    public String value() {
        return order.value() + ":" + eventType + ":" + sourceUpdatedAt;
    }

    @Override
    public String toString() {
        return value();
    }
}
