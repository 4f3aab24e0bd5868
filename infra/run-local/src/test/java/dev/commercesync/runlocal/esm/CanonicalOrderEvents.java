package dev.commercesync.runlocal.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.commercesync.model.CommerceJson;
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

/**
 * {@code commerce.order.v1} events as map sends them to dedupe: a reconciling, tax-inclusive EUR Shopify order.
 * The construction is pipeline-support's {@code SampleOrders}, copied: that class lives in a Quarkus test-jar this
 * plain module should not pull in.
 */
final class CanonicalOrderEvents {

    private CanonicalOrderEvents() {
    }

    /** A two-line order, 19 % VAT included: 2 × 24.99 + 1 × 15.00 + 4.90 shipping − 5.00 discount. */
    static CanonicalOrder order(String channelOrderId) {
        String eur = "EUR";
        Money unitA = Money.of("24.99", eur);
        Money unitB = Money.of("15.00", eur);
        Money subtotal = unitA.times(2).plus(unitB);
        Money shipping = Money.of("4.90", eur);
        Money discount = Money.of("5.00", eur);
        Money grand = subtotal.plus(shipping).minus(discount);
        Money tax = new Money(grand.amount().multiply(new BigDecimal("19")).divide(new BigDecimal("119"), 2,
                Money.ROUNDING), eur);
        List<OrderLine> lines = List.of(
                new OrderLine("1001", "TSHIRT-BLK-M", "40001", "T-shirt black M", 2, unitA, Money.zero(eur), List.of(),
                        unitA.times(2)),
                new OrderLine("1002", "MUG-WHT", "40002", "Mug white", 1, unitB, Money.zero(eur), List.of(), unitB));
        return new CanonicalOrder(SalesChannel.SHOPIFY, channelOrderId, "example-shop.myshopify.com",
                Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:05:00Z"), OrderStatus.CONFIRMED,
                eur, new Buyer("customer-7001", "Jane Example", "jane@example.com"),
                new Address("Jane Example", null, "Examplestraße 1", null, "Berlin", "BE", "10115", "DE", null),
                lines, new Shipping("Standard", shipping, Money.zero(eur), Money.zero(eur)),
                List.of(new Discount("WELCOME5", "Welcome discount", discount)),
                List.of(new TaxLine("MwSt", "DE", new BigDecimal("0.19"), tax, TaxLine.TaxTarget.ITEMS)),
                true, List.of(), new OrderTotals(subtotal, shipping, tax, discount, grand), null);
    }

    /** The envelope JSON of a new order with a fresh channel order id; its order key is {@link #orderKey}. */
    static String newOrderEvent(String channelOrderId) {
        CanonicalOrder order = order(channelOrderId);
        String correlationId = "corr-" + UUID.randomUUID();
        EventEnvelope<CanonicalOrder> event = new EventEnvelope<>(SchemaId.ORDER_V1, UUID.randomUUID().toString(),
                correlationId, null, Instant.now(), order.channel().id(), order.key().value(),
                order.channel().id() + ":" + channelOrderId + ":orders/create:" + order.sourceUpdatedAt(),
                List.of(new TimelineEntry(Instant.now(), "MAPPED", correlationId, null, "run-local test")), order);
        try {
            return CommerceJson.newMapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String orderKey(String channelOrderId) {
        return order(channelOrderId).key().value();
    }

    static String uniqueOrderId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    }
}
