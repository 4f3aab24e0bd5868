package dev.commercesync.model.event;

import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.SalesChannel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderEventKeyTest {

    private static CanonicalOrder order(SalesChannel channel, String id, Instant updatedAt) {
        Money zero = Money.zero("EUR");
        OrderLine line = new OrderLine("1", "SKU", null, "t", 1, zero, zero, List.of(), zero);
        return new CanonicalOrder(channel, id, null, updatedAt, updatedAt, OrderStatus.CONFIRMED, "EUR", null, null,
                List.of(line), null, null, null, true, null, new OrderTotals(zero, zero, zero, zero, zero), null);
    }

    private static RawOrderReceived raw(String eventType) {
        return new RawOrderReceived("shopify", "5823416025378", Instant.parse("2026-11-21T14:30:05Z"), "d-1",
                eventType, null, "{}");
    }

    @Test
    void joins_channel_order_event_and_the_channel_version_in_utc() {
        Instant updatedAt = OffsetDateTime.parse("2026-11-21T09:30:00-05:00").toInstant();

        String key = OrderEventKey.idempotencyKey(order(SalesChannel.SHOPIFY, "5823416025378", updatedAt),
                raw("orders/updated"));

        assertThat(key).isEqualTo("shopify:5823416025378:orders/updated:2026-11-21T14:30:00Z");
    }

    @Test
    void uses_order_when_the_channel_names_no_event() {
        Instant updatedAt = Instant.parse("2026-11-20T09:43:10Z");

        assertThat(OrderEventKey.idempotencyKey(order(SalesChannel.AMAZON, "302-1234567-1234567", updatedAt),
                raw(null))).isEqualTo("amazon:302-1234567-1234567:order:2026-11-20T09:43:10Z");
        assertThat(OrderEventKey.idempotencyKey(order(SalesChannel.AMAZON, "302-1234567-1234567", updatedAt),
                raw(" "))).isEqualTo("amazon:302-1234567-1234567:order:2026-11-20T09:43:10Z");
    }

    @Test
    void a_later_version_of_the_same_order_is_a_different_key_and_a_redelivery_is_the_same() {
        Instant v1 = Instant.parse("2026-11-20T15:15:02Z");
        Instant v2 = Instant.parse("2026-11-21T14:30:00Z");

        OrderEventKey first = OrderEventKey.of(order(SalesChannel.SHOPIFY, "1", v1), raw("orders/updated"));
        OrderEventKey again = OrderEventKey.of(order(SalesChannel.SHOPIFY, "1", v1), raw("orders/updated"));
        OrderEventKey later = OrderEventKey.of(order(SalesChannel.SHOPIFY, "1", v2), raw("orders/updated"));

        assertThat(again.value()).isEqualTo(first.value());
        assertThat(later.value()).isNotEqualTo(first.value());
    }
}
