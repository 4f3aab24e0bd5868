package dev.commercesync.map.channel.shopify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.map.channel.ChannelFixtures;
import dev.commercesync.model.event.OrderEventKey;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.PresentmentAmounts;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.order.TaxLine;
import dev.commercesync.model.order.TaxLine.TaxTarget;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Consumer;

import static dev.commercesync.map.channel.ChannelFixtures.edited;
import static dev.commercesync.map.channel.ChannelFixtures.raw;
import static dev.commercesync.map.channel.MappingOutcomes.mapped;
import static dev.commercesync.map.channel.MappingOutcomes.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ShopifyOrderMapperTest {

    private static final String USD_ORDER = "order-tax-exclusive-usd-multi-line.json";
    private static final String EUR_ORDER = "order-tax-inclusive-eur-discounts.json";

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static RawOrderReceived usdOrderWith(Consumer<ObjectNode> change) {
        return edited("shopify", USD_ORDER, change);
    }

    private static ObjectNode lineItem(ObjectNode order, int index) {
        return (ObjectNode) order.withArray("line_items").get(index);
    }

    @Nested
    class TaxExclusiveUsdMultiLine {

        private final CanonicalOrder order = mapped(raw("shopify", USD_ORDER));

        @Test
        void keeps_identity_version_and_status() {
            assertThat(order.channel()).isEqualTo(SalesChannel.SHOPIFY);
            assertThat(order.channelOrderId()).isEqualTo("5823416025378");
            assertThat(order.key().value()).isEqualTo("shopify:5823416025378");
            assertThat(order.orderedAt()).isEqualTo(Instant.parse("2026-11-20T15:15:00Z"));
            assertThat(order.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-20T15:15:02Z"));
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.currency()).isEqualTo("USD");
            assertThat(order.taxesIncluded()).isFalse();
            assertThat(order.presentment()).isNull();
        }

        @Test
        void takes_the_storefront_from_the_order_status_page_when_no_header_named_the_shop() {
            assertThat(order.storefrontId()).isEqualTo("commerce-sync-demo.myshopify.com");

            CanonicalOrder withHeader = mapped(ChannelFixtures.withStorefront(raw("shopify", USD_ORDER),
                    "commerce-sync-demo-eu.myshopify.com"));

            assertThat(withHeader.storefrontId()).isEqualTo("commerce-sync-demo-eu.myshopify.com");
        }

        @Test
        void maps_every_line_with_unit_price_tax_and_net_total() {
            assertThat(order.lines())
                    .extracting(OrderLine::lineId, OrderLine::sku, OrderLine::channelItemId, OrderLine::quantity,
                            OrderLine::unitPrice, OrderLine::lineTax, OrderLine::lineTotal)
                    .containsExactly(
                            tuple("14000000000001", "TSH-CLASSIC-BLK-M", "45000000000001", 2, usd("25.00"),
                                    usd("4.25"), usd("50.00")),
                            tuple("14000000000002", "MUG-STONEWARE-12OZ", "45000000000002", 1, usd("14.50"),
                                    usd("1.23"), usd("14.50")),
                            tuple("14000000000003", "CAP-LOGO-NAVY", "45000000000003", 3, usd("18.00"),
                                    usd("4.59"), usd("54.00")));
            assertThat(order.lines()).allSatisfy(line -> assertThat(line.discounts()).isEmpty());
        }

        @Test
        void adds_tax_on_top_of_prices_and_shipping() {
            assertThat(order.totals()).isEqualTo(new OrderTotals(usd("118.50"), usd("9.95"), usd("10.92"),
                    usd("0.00"), usd("139.37")));
            assertThat(order.shipping().method()).isEqualTo("Standard Shipping");
            assertThat(order.shipping().price()).isEqualTo(usd("9.95"));
            assertThat(order.shipping().tax()).isEqualTo(usd("0.85"));
            assertThat(order.shipping().discount()).isEqualTo(usd("0.00"));
        }

        @Test
        void breaks_tax_down_by_rate_and_by_items_or_shipping() {
            assertThat(order.taxLines())
                    .extracting(TaxLine::title, TaxLine::rate, TaxLine::amount, TaxLine::appliesTo,
                            TaxLine::remittedByMarketplace)
                    .containsExactly(
                            tuple("New York State Tax", new BigDecimal("0.04"), usd("4.74"), TaxTarget.ITEMS, false),
                            tuple("New York City Tax", new BigDecimal("0.045"), usd("5.33"), TaxTarget.ITEMS, false),
                            tuple("New York State Tax", new BigDecimal("0.04"), usd("0.40"), TaxTarget.SHIPPING,
                                    false),
                            tuple("New York City Tax", new BigDecimal("0.045"), usd("0.45"), TaxTarget.SHIPPING,
                                    false));
        }

        @Test
        void references_the_shopify_customer_and_keeps_personal_data_out_of_logs() {
            assertThat(order.buyer().reference()).isEqualTo("7390000000001");
            assertThat(order.buyer().name()).isEqualTo("Jane Example");
            assertThat(order.buyer().email()).isEqualTo("jane.example@example.com");
            assertThat(order.buyer().toString()).doesNotContain("Jane", "example.com");
            assertThat(order.shipTo().city()).isEqualTo("New York");
            assertThat(order.shipTo().region()).isEqualTo("NY");
            assertThat(order.shipTo().postalCode()).isEqualTo("10001");
            assertThat(order.shipTo().countryCode()).isEqualTo("US");
            assertThat(order.shipTo().line2()).isEqualTo("Apt 4B");
        }
    }

    @Nested
    class TaxInclusiveEurWithDiscountCodes {

        private final CanonicalOrder order = mapped(raw("shopify", EUR_ORDER));

        @Test
        void keeps_each_code_on_the_lines_shopify_allocated_it_to() {
            OrderLine coffee = order.lines().get(0);
            OrderLine tamper = order.lines().get(1);

            assertThat(coffee.discounts()).extracting(Discount::code, Discount::amount)
                    .containsExactly(tuple("BOHNEN5", eur("5.00")), tuple("WILLKOMMEN10", eur("4.48")));
            assertThat(coffee.unitPrice()).isEqualTo(eur("24.90"));
            assertThat(coffee.lineTotal()).isEqualTo(eur("40.32"));
            assertThat(coffee.lineTax()).isEqualTo(eur("2.64"));
            assertThat(tamper.discounts()).extracting(Discount::code, Discount::amount)
                    .containsExactly(tuple("WILLKOMMEN10", eur("3.90")));
            assertThat(tamper.lineTotal()).isEqualTo(eur("35.10"));
            // the order-wide code is already on the lines; listing it again would discount it twice
            assertThat(order.orderDiscounts()).isEmpty();
        }

        @Test
        void does_not_add_included_vat_to_the_total() {
            assertThat(order.taxesIncluded()).isTrue();
            assertThat(order.totals()).isEqualTo(new OrderTotals(eur("88.80"), eur("4.90"), eur("9.02"),
                    eur("13.38"), eur("80.32")));
            assertThat(order.orderedAt()).isEqualTo(Instant.parse("2026-11-20T15:42:10Z"));
        }

        @Test
        void keeps_vat_on_shipping_apart_from_vat_on_items() {
            assertThat(order.shipping().tax()).isEqualTo(eur("0.78"));
            assertThat(order.taxLines())
                    .extracting(TaxLine::rate, TaxLine::amount, TaxLine::appliesTo)
                    .containsExactly(
                            tuple(new BigDecimal("0.07"), eur("2.64"), TaxTarget.ITEMS),
                            tuple(new BigDecimal("0.19"), eur("5.60"), TaxTarget.ITEMS),
                            tuple(new BigDecimal("0.19"), eur("0.78"), TaxTarget.SHIPPING));
        }
    }

    @Test
    void keeps_what_the_buyer_paid_in_cad_beside_the_shop_amounts_in_usd() {
        CanonicalOrder order = mapped(raw("shopify", "order-presentment-cad-shop-usd.json"));

        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.totals().grandTotal()).isEqualTo(usd("168.37"));
        assertThat(order.lines()).extracting(OrderLine::unitPrice).containsExactly(usd("89.00"), usd("24.00"));
        assertThat(order.presentment()).isEqualTo(new PresentmentAmounts("CAD", Money.of("190.43", "CAD"),
                Money.of("16.68", "CAD"), Money.of("26.92", "CAD"), Money.of("0.00", "CAD"),
                Money.of("234.03", "CAD")));
    }

    @Test
    void a_cancelled_order_maps_as_cancelled_with_its_original_amounts() {
        CanonicalOrder order = mapped(raw("shopify", "order-cancelled.json"));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-23T20:03:19Z"));
        assertThat(order.totals().grandTotal()).isEqualTo(usd("54.11"));
        assertThat(order.shipping().price()).isEqualTo(usd("0.00"));
    }

    @Test
    void an_update_is_a_later_version_of_the_same_order_with_its_own_idempotency_key() {
        RawOrderReceived createdRaw = raw("shopify", USD_ORDER);
        RawOrderReceived updatedRaw = raw("shopify", "order-updated-v2.json");
        CanonicalOrder created = mapped(createdRaw);
        CanonicalOrder updated = mapped(updatedRaw);

        assertThat(updated.key()).isEqualTo(created.key());
        assertThat(updated.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-21T14:30:00Z"))
                .isAfter(created.sourceUpdatedAt());
        assertThat(updated.lines().get(2).quantity()).isEqualTo(2);
        assertThat(updated.lines().get(2).lineTotal()).isEqualTo(usd("36.00"));
        assertThat(updated.status()).isEqualTo(OrderStatus.PARTIALLY_FULFILLED);
        assertThat(updated.totals().grandTotal()).isEqualTo(usd("119.84"));
        assertThat(OrderEventKey.idempotencyKey(created, createdRaw))
                .isEqualTo("shopify:5823416025378:orders/create:2026-11-20T15:15:02Z");
        assertThat(OrderEventKey.idempotencyKey(updated, updatedRaw))
                .isEqualTo("shopify:5823416025378:orders/updated:2026-11-21T14:30:00Z");
    }

    @Test
    void rejects_a_total_price_that_its_parts_do_not_add_up_to() {
        assertThat(rejected(raw("shopify", "order-totals-mismatch.json")))
                .isEqualTo("grandTotal stated 86.10 USD but the parts add up to 86.00 USD (difference 0.10 USD)");
    }

    @ParameterizedTest(name = "financial {0}, fulfillment {1}, cancelled {2} → {3}")
    @CsvSource(nullValues = "null", value = {
            "pending,            null,        null,                      PENDING",
            "partially_paid,     null,        null,                      PENDING",
            "authorized,         null,        null,                      CONFIRMED",
            "paid,               null,        null,                      CONFIRMED",
            "partially_refunded, null,        null,                      CONFIRMED",
            "refunded,           null,        null,                      CONFIRMED",
            "voided,             null,        null,                      CANCELLED",
            "paid,               partial,     null,                      PARTIALLY_FULFILLED",
            "paid,               fulfilled,   null,                      FULFILLED",
            "paid,               restocked,   null,                      CANCELLED",
            "paid,               fulfilled,   2026-11-24T09:00:00+01:00, CANCELLED"
    })
    void derives_the_status_from_cancellation_then_fulfilment_then_payment(String financial, String fulfillment,
                                                                           String cancelledAt, OrderStatus status) {
        CanonicalOrder order = mapped(usdOrderWith(o -> {
            o.put("financial_status", financial);
            o.put("fulfillment_status", fulfillment);
            o.put("cancelled_at", cancelledAt);
        }));

        assertThat(order.status()).isEqualTo(status);
    }

    @Test
    void reads_amounts_from_their_text_rounding_half_even_never_through_a_double() {
        // 25.015 as a double is 25.01499999…, which would round to 25.01; as written it rounds half-even to 25.02.
        CanonicalOrder order = assertMapsWithoutReconciling(usdOrderWith(o ->
                lineItem(o, 0).put("price", new BigDecimal("25.015"))));

        assertThat(order.lines().get(0).unitPrice()).isEqualTo(usd("25.02"));
    }

    private static CanonicalOrder assertMapsWithoutReconciling(RawOrderReceived raw) {
        try {
            return new ShopifyOrderMapper().map(raw);
        } catch (Exception e) {
            throw new AssertionError("expected the body to map: " + e.getMessage(), e);
        }
    }

    @Nested
    class RejectsBadInput {

        @Test
        void a_missing_quantity_names_the_line_and_its_sku() {
            assertThat(rejected(usdOrderWith(o -> lineItem(o, 1).remove("quantity"))))
                    .isEqualTo("line 2 (sku MUG-STONEWARE-12OZ): quantity missing");
        }

        @Test
        void a_negative_quantity() {
            assertThat(rejected(usdOrderWith(o -> lineItem(o, 1).put("quantity", -1))))
                    .isEqualTo("line 2 (sku MUG-STONEWARE-12OZ): quantity -1 is negative");
        }

        @Test
        void a_fractional_quantity() {
            assertThat(rejected(usdOrderWith(o -> lineItem(o, 2).put("quantity", new BigDecimal("1.5")))))
                    .isEqualTo("line 3 (sku CAP-LOGO-NAVY): quantity 1.5 is not a whole number of units");
        }

        @Test
        void a_line_without_sku_is_named_by_its_id() {
            assertThat(rejected(usdOrderWith(o -> {
                lineItem(o, 0).putNull("sku");
                lineItem(o, 0).remove("price");
            }))).isEqualTo("line 1 (id 14000000000001): price missing");
        }

        @Test
        void a_price_that_is_not_a_number() {
            assertThat(rejected(usdOrderWith(o -> lineItem(o, 0).put("price", "25,00"))))
                    .isEqualTo("line 1 (sku TSH-CLASSIC-BLK-M): price '25,00' is not a decimal amount");
        }

        @Test
        void an_unknown_currency() {
            assertThat(rejected(usdOrderWith(o -> o.put("currency", "USX"))))
                    .isEqualTo("order: currency 'USX' is not an ISO 4217 currency code");
            assertThat(rejected(usdOrderWith(o -> o.put("currency", "XXX"))))
                    .isEqualTo("order: currency 'XXX' is not a currency an order can be paid in");
        }

        @Test
        void a_missing_order_id() {
            assertThat(rejected(usdOrderWith(o -> o.remove("id")))).isEqualTo("order: id missing");
        }

        @Test
        void an_order_id_other_than_the_one_ingest_recorded() {
            RawOrderReceived raw = raw("shopify", USD_ORDER);
            RawOrderReceived wrongId = new RawOrderReceived("shopify", "42", raw.receivedAt(), raw.channelEventId(),
                    raw.channelEventType(), null, raw.body());

            assertThat(rejected(wrongId))
                    .isEqualTo("order: id 5823416025378 differs from the channelOrderId 42 recorded at intake");
        }

        @Test
        void a_timestamp_without_utc_offset() {
            assertThat(rejected(usdOrderWith(o -> o.put("updated_at", "2026-11-20T10:15:02"))))
                    .isEqualTo("order: updated_at '2026-11-20T10:15:02' is not an ISO-8601 date-time with a UTC"
                            + " offset");
        }

        @Test
        void an_unknown_financial_status() {
            assertThat(rejected(usdOrderWith(o -> o.put("financial_status", "settled"))))
                    .isEqualTo("order: financial_status 'settled' is not a Shopify financial status");
        }

        @Test
        void an_order_without_line_items() {
            assertThat(rejected(usdOrderWith(o -> o.putArray("line_items"))))
                    .isEqualTo("order: line_items is empty");
        }

        @Test
        void a_tip_the_canonical_order_cannot_carry() {
            assertThat(rejected(usdOrderWith(o -> o.put("total_tip_received", "5.00"))))
                    .isEqualTo("order: total_tip_received 5.00 USD: tips are part of total_price but canonical"
                            + " order v1 has no place for them");
        }

        @Test
        void an_allocation_pointing_at_no_discount_application() {
            RawOrderReceived raw = edited("shopify", EUR_ORDER, o -> ((ObjectNode) ((ArrayNode) lineItem(o, 1)
                    .withArray("discount_allocations")).get(0)).put("discount_application_index", 7));

            assertThat(rejected(raw)).isEqualTo("line 2 (sku TMP-58-WAL): discount_allocations[0]."
                    + "discount_application_index 7 has no discount_applications entry");
        }

        @Test
        void a_total_discount_the_allocations_do_not_account_for() {
            // total_price and total_discounts agree with each other, but only 13.38 EUR were allocated to lines
            RawOrderReceived raw = edited("shopify", EUR_ORDER, o -> {
                o.put("total_discounts", "14.38");
                o.put("total_price", "79.32");
            });

            assertThat(rejected(raw))
                    .isEqualTo("discount stated 14.38 EUR but the parts add up to 13.38 EUR (difference 1.00 EUR)");
        }

        @Test
        void a_presentment_total_missing_when_the_buyer_paid_in_another_currency() {
            RawOrderReceived raw = edited("shopify", "order-presentment-cad-shop-usd.json",
                    o -> o.with("total_tax_set").remove("presentment_money"));

            assertThat(rejected(raw)).isEqualTo("order: total_tax_set.presentment_money missing");
        }
    }
}
