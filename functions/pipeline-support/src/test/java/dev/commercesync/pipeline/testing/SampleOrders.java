package dev.commercesync.pipeline.testing;

import dev.commercesync.model.event.EventEnvelope;
import dev.commercesync.model.event.SchemaId;
import dev.commercesync.model.event.TimelineEntry;
import dev.commercesync.model.order.Address;
import dev.commercesync.model.order.Buyer;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.order.Shipping;
import dev.commercesync.model.order.TaxLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Canonical orders and envelopes for tests of the functions after map: reconciling, tax-inclusive EUR. */
public final class SampleOrders {

    private SampleOrders() {
    }

    /** A two-line Shopify order, 19 % VAT included: 2 × 24.99 + 1 × 15.00 + 4.90 shipping − 5.00 discount. */
    public static CanonicalOrder order(String channelOrderId, Instant sourceUpdatedAt, int firstLineQuantity) {
        String eur = "EUR";
        Money unitA = Money.of("24.99", eur);
        Money unitB = Money.of("15.00", eur);
        Money subtotal = unitA.times(firstLineQuantity).plus(unitB);
        Money shipping = Money.of("4.90", eur);
        Money discount = Money.of("5.00", eur);
        Money grand = subtotal.plus(shipping).minus(discount);
        Money tax = new Money(grand.amount().multiply(new BigDecimal("19")).divide(new BigDecimal("119"), 2,
                Money.ROUNDING), eur);
        List<OrderLine> lines = List.of(
                new OrderLine("1001", "TSHIRT-BLK-M", "40001", "T-shirt black M", firstLineQuantity, unitA,
                        Money.zero(eur), List.of(), unitA.times(firstLineQuantity)),
                new OrderLine("1002", "MUG-WHT", "40002", "Mug white", 1, unitB, Money.zero(eur), List.of(), unitB));
        return new CanonicalOrder(SalesChannel.SHOPIFY, channelOrderId, "example-shop.myshopify.com",
                Instant.parse("2026-11-20T09:00:00Z"), sourceUpdatedAt, OrderStatus.CONFIRMED, eur,
                new Buyer("customer-7001", "Jane Example", "jane@example.com"),
                new Address("Jane Example", null, "Examplestraße 1", null, "Berlin", "BE", "10115", "DE", null),
                lines, new Shipping("Standard", shipping, Money.zero(eur), Money.zero(eur)),
                List.of(new Discount("WELCOME5", "Welcome discount", discount)),
                List.of(new TaxLine("MwSt", "DE", new BigDecimal("0.19"), tax, TaxLine.TaxTarget.ITEMS)),
                true, List.of(), new OrderTotals(subtotal, shipping, tax, discount, grand), null);
    }

    /** The {@code commerce.order.v1} event map sends for an order version. */
    public static EventEnvelope<CanonicalOrder> event(CanonicalOrder order, String channelEventType) {
        String correlationId = "corr-" + UUID.randomUUID();
        String key = order.channel().id() + ":" + order.channelOrderId() + ":" + channelEventType + ":"
                + order.sourceUpdatedAt();
        return new EventEnvelope<>(SchemaId.ORDER_V1, UUID.randomUUID().toString(), correlationId, null,
                Instant.now(), order.channel().id(), order.key().value(), key,
                List.of(new TimelineEntry(Instant.now(), "MAPPED", correlationId, null, "test")), order);
    }

    public static String uniqueOrderId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    }
}
