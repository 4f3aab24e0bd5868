package dev.commercesync.map.channel.amazon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.map.channel.BuyerReference;
import dev.commercesync.model.event.OrderEventKey;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.order.Shipping;
import dev.commercesync.model.order.TaxLine;
import dev.commercesync.model.order.TaxLine.TaxTarget;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.function.Consumer;

import static dev.commercesync.map.channel.ChannelFixtures.edited;
import static dev.commercesync.map.channel.ChannelFixtures.raw;
import static dev.commercesync.map.channel.MappingOutcomes.mapped;
import static dev.commercesync.map.channel.MappingOutcomes.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AmazonOrderMapperTest {

    private static final String DE_ORDER = "order-de-tax-inclusive-promotion.json";
    private static final String US_ORDER = "order-us-tax-exclusive-multi-item.json";

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static RawOrderReceived usOrderWith(Consumer<ObjectNode> change) {
        return edited("amazon", US_ORDER, change);
    }

    private static ObjectNode order(ObjectNode body) {
        return (ObjectNode) body.get("order");
    }

    private static ObjectNode item(ObjectNode body, int index) {
        return (ObjectNode) body.withArray("orderItems").get(index);
    }

    @Nested
    class GermanyTaxInclusiveWithPromotion {

        private final CanonicalOrder order = mapped(raw("amazon", DE_ORDER));

        @Test
        void keeps_identity_marketplace_and_status() {
            assertThat(order.channel()).isEqualTo(SalesChannel.AMAZON);
            assertThat(order.channelOrderId()).isEqualTo("302-5550142-7730001");
            assertThat(order.storefrontId()).isEqualTo("A1PA6795UKMFR9");
            assertThat(order.orderedAt()).isEqualTo(Instant.parse("2026-11-20T09:12:44Z"));
            assertThat(order.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-20T09:43:10Z"));
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.currency()).isEqualTo("EUR");
            assertThat(order.taxesIncluded()).isTrue();
        }

        @Test
        void splits_the_line_price_into_unit_prices_and_takes_the_promotion_off() {
            OrderLine coffee = order.lines().get(0);

            assertThat(coffee.quantity()).isEqualTo(2);
            assertThat(coffee.unitPrice()).isEqualTo(eur("24.90"));
            assertThat(coffee.channelItemId()).isEqualTo("B0CXEXMPL01");
            assertThat(coffee.discounts()).extracting(Discount::code, Discount::amount).containsExactly(tuple(
                    "DE-KAFFEE-10-PROZENT-2026, Core Free Shipping A1PA6795UKMFR9", eur("4.98")));
            assertThat(coffee.lineTotal()).isEqualTo(eur("44.82"));
            // ItemTax 3.26 less the 0.33 VAT on the promotion
            assertThat(coffee.lineTax()).isEqualTo(eur("2.93"));
            assertThat(order.lines().get(1).unitPrice()).isEqualTo(eur("39.00"));
            assertThat(order.lines().get(1).lineTax()).isEqualTo(eur("6.23"));
        }

        @Test
        void reconciles_to_the_order_total_without_adding_the_included_vat() {
            assertThat(order.totals()).isEqualTo(new OrderTotals(eur("88.80"), eur("3.90"), eur("9.16"),
                    eur("8.88"), eur("83.82")));
            assertThat(order.shipping()).isEqualTo(new Shipping("Std DE Dom", eur("3.90"), eur("0.00"),
                    eur("3.90")));
        }

        @Test
        void derives_a_stable_buyer_reference_from_the_email() {
            assertThat(order.buyer().reference())
                    .isEqualTo(BuyerReference.fromEmail("Jane.Example@example.com "))
                    .startsWith("email-sha256:")
                    .doesNotContain("example");
            assertThat(order.buyer().name()).isEqualTo("Jane Example");
            assertThat(order.shipTo().countryCode()).isEqualTo("DE");
            assertThat(order.shipTo().postalCode()).isEqualTo("10115");
        }

        @Test
        void has_no_channel_event_so_the_key_uses_order() {
            assertThat(OrderEventKey.idempotencyKey(order, raw("amazon", DE_ORDER)))
                    .isEqualTo("amazon:302-5550142-7730001:order:2026-11-20T09:43:10Z");
        }
    }

    @Nested
    class UnitedStatesTaxExclusiveMultiItem {

        private final CanonicalOrder order = mapped(raw("amazon", US_ORDER));

        @Test
        void adds_sales_tax_on_top() {
            assertThat(order.taxesIncluded()).isFalse();
            assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FULFILLED);
            assertThat(order.totals()).isEqualTo(new OrderTotals(usd("111.50"), usd("5.99"), usd("10.25"),
                    usd("2.00"), usd("125.74")));
        }

        @Test
        void maps_each_item() {
            assertThat(order.lines())
                    .extracting(OrderLine::lineId, OrderLine::sku, OrderLine::quantity, OrderLine::unitPrice,
                            OrderLine::lineTax, OrderLine::lineTotal)
                    .containsExactly(
                            tuple("11234567890131", "TSH-CLASSIC-BLK-M", 2, usd("25.00"), usd("4.44"), usd("50.00")),
                            tuple("11234567890132", "MUG-STONEWARE-12OZ", 3, usd("14.50"), usd("3.86"),
                                    usd("43.50")),
                            tuple("11234567890133", "CAP-LOGO-NAVY", 1, usd("18.00"), usd("1.42"), usd("16.00")));
        }

        @Test
        void marks_the_tax_amazon_remits_as_marketplace_facilitator() {
            assertThat(order.taxLines())
                    .extracting(TaxLine::title, TaxLine::amount, TaxLine::appliesTo, TaxLine::remittedByMarketplace)
                    .containsExactly(
                            tuple("ItemTax", usd("9.72"), TaxTarget.ITEMS, true),
                            tuple("ShippingTax", usd("0.53"), TaxTarget.SHIPPING, true));
        }
    }

    @Test
    void a_canceled_order_without_prices_maps_as_cancelled_at_zero_in_the_marketplace_currency() {
        CanonicalOrder order = mapped(raw("amazon", "order-canceled.json"));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.currency()).isEqualTo("GBP");
        assertThat(order.storefrontId()).isEqualTo("A1F83G8C2ARO7P");
        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.sku()).isEqualTo("BTL-STEEL-750");
            assertThat(line.quantity()).isZero();
            assertThat(line.unitPrice()).isEqualTo(Money.of("0.00", "GBP"));
        });
        assertThat(order.totals().grandTotal()).isEqualTo(Money.of("0.00", "GBP"));
    }

    @Test
    void rejects_an_order_without_its_amazon_order_id() {
        assertThat(rejected(raw("amazon", "order-missing-order-id.json")))
                .isEqualTo("order: AmazonOrderId missing");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "Pending, PENDING",
            "PendingAvailability, PENDING",
            "Unshipped, CONFIRMED",
            "PartiallyShipped, PARTIALLY_FULFILLED",
            "Shipped, FULFILLED",
            "InvoiceUnconfirmed, FULFILLED",
            "Canceled, CANCELLED",
            "Unfulfillable, CANCELLED"
    })
    void maps_every_sp_api_order_status(String amazonStatus, OrderStatus status) {
        CanonicalOrder order = mapped(usOrderWith(body -> order(body).put("OrderStatus", amazonStatus)));

        assertThat(order.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} includes tax: {1}")
    @CsvSource({
            "ATVPDKIKX0DER, false",
            "A2EUQ1WTGCTBG2, false",
            "A1F83G8C2ARO7P, true",
            "A13V1IB3VIYZZH, true",
            "A1VC38T7YXB528, true"
    })
    void decides_whether_prices_include_tax_by_marketplace(String marketplaceId, boolean included) {
        assertThat(AmazonMarketplace.byId(marketplaceId)).get()
                .extracting(AmazonMarketplace::taxesIncluded).isEqualTo(included);
    }

    @Nested
    class RejectsBadInput {

        @Test
        void a_pending_order_has_no_prices_yet() {
            RawOrderReceived pending = usOrderWith(body -> {
                order(body).put("OrderStatus", "Pending");
                order(body).remove("OrderTotal");
            });

            assertThat(rejected(pending)).isEqualTo("order: OrderTotal missing: Amazon sends no prices while an"
                    + " order is Pending; it maps once payment is authorised");
        }

        @Test
        void an_unknown_marketplace_rather_than_guessing_its_tax_mode() {
            assertThat(rejected(usOrderWith(body -> order(body).put("MarketplaceId", "A0EXAMPLE"))))
                    .isEqualTo("order: MarketplaceId 'A0EXAMPLE' is not a known Amazon marketplace, so whether its"
                            + " prices include tax is unknown");
        }

        @Test
        void an_unknown_order_status() {
            assertThat(rejected(usOrderWith(body -> order(body).put("OrderStatus", "Shipping"))))
                    .isEqualTo("order: OrderStatus 'Shipping' is not an SP-API order status");
        }

        @Test
        void a_missing_quantity_names_the_line_and_its_sku() {
            assertThat(rejected(usOrderWith(body -> item(body, 1).remove("QuantityOrdered"))))
                    .isEqualTo("line 2 (sku MUG-STONEWARE-12OZ): QuantityOrdered missing");
        }

        @Test
        void a_negative_quantity() {
            assertThat(rejected(usOrderWith(body -> item(body, 1).put("QuantityOrdered", -3))))
                    .isEqualTo("line 2 (sku MUG-STONEWARE-12OZ): QuantityOrdered -3 is negative");
        }

        @Test
        void a_line_price_that_does_not_split_into_unit_prices() {
            assertThat(rejected(usOrderWith(body -> item(body, 1).with("ItemPrice").put("Amount", "43.51"))))
                    .isEqualTo("line 2 (sku MUG-STONEWARE-12OZ): ItemPrice 43.51 USD does not split into 3 equal"
                            + " unit prices (ItemPrice is the line price: unit price × QuantityOrdered)");
        }

        @Test
        void an_item_in_another_currency_than_the_order() {
            assertThat(rejected(usOrderWith(body -> item(body, 0).with("ItemTax").put("CurrencyCode", "CAD"))))
                    .isEqualTo("line 1 (sku TSH-CLASSIC-BLK-M): ItemTax.CurrencyCode CAD differs from the order"
                            + " currency USD");
        }

        @Test
        void an_unknown_currency() {
            assertThat(rejected(usOrderWith(body -> order(body).with("OrderTotal").put("CurrencyCode", "US$"))))
                    .isEqualTo("order: OrderTotal.CurrencyCode 'US$' is not an ISO 4217 currency code");
        }

        @Test
        void a_missing_item_price_on_an_order_that_is_not_cancelled() {
            assertThat(rejected(usOrderWith(body -> item(body, 2).remove("ItemPrice"))))
                    .isEqualTo("line 3 (sku CAP-LOGO-NAVY): ItemPrice missing");
        }

        @Test
        void an_order_total_that_differs_from_its_items() {
            assertThat(rejected(usOrderWith(body -> order(body).with("OrderTotal").put("Amount", "125.75"))))
                    .isEqualTo("grandTotal stated 125.75 USD but the parts add up to 125.74 USD"
                            + " (difference 0.01 USD)");
        }

        @Test
        void a_body_without_order_items() {
            assertThat(rejected(usOrderWith(body -> body.remove("orderItems"))))
                    .isEqualTo("body: orderItems missing");
        }
    }
}
