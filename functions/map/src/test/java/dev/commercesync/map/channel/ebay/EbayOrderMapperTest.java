package dev.commercesync.map.channel.ebay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.Discount;
import dev.commercesync.model.order.MarketplaceFee;
import dev.commercesync.model.order.Money;
import dev.commercesync.model.order.OrderLine;
import dev.commercesync.model.order.OrderStatus;
import dev.commercesync.model.order.OrderTotals;
import dev.commercesync.model.order.SalesChannel;
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

class EbayOrderMapperTest {

    private static final String GB_ORDER = "order-gb-multi-line-discount.json";
    private static final String US_ORDER = "order-us-collect-and-remit-tax.json";

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static RawOrderReceived gbOrderWith(Consumer<ObjectNode> change) {
        return edited("ebay", GB_ORDER, change);
    }

    private static RawOrderReceived usOrderWith(Consumer<ObjectNode> change) {
        return edited("ebay", US_ORDER, change);
    }

    private static ObjectNode lineItem(ObjectNode order, int index) {
        return (ObjectNode) order.withArray("lineItems").get(index);
    }

    @Nested
    class GreatBritainMultiLineWithPromotion {

        private final CanonicalOrder order = mapped(raw("ebay", GB_ORDER));

        @Test
        void keeps_identity_marketplace_and_status() {
            assertThat(order.channel()).isEqualTo(SalesChannel.EBAY);
            assertThat(order.channelOrderId()).isEqualTo("12-11555-01420");
            assertThat(order.storefrontId()).isEqualTo("EBAY_GB");
            assertThat(order.orderedAt()).isEqualTo(Instant.parse("2026-11-20T14:03:27Z"));
            assertThat(order.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-20T14:05:12Z"));
            assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(order.taxesIncluded()).isTrue();
        }

        @Test
        void splits_line_cost_into_unit_prices_and_keeps_the_promotion_on_its_line() {
            assertThat(order.lines())
                    .extracting(OrderLine::lineId, OrderLine::sku, OrderLine::channelItemId, OrderLine::quantity,
                            OrderLine::unitPrice, OrderLine::lineTotal)
                    .containsExactly(
                            tuple("10012345678901", "TSH-CLASSIC-BLK-M", "125912345678", 2, gbp("19.99"),
                                    gbp("35.98")),
                            tuple("10012345678902", "MUG-STONEWARE-12OZ", "125912345679", 1, gbp("12.50"),
                                    gbp("12.50")));
            assertThat(order.lines().get(0).discounts())
                    .extracting(Discount::code, Discount::description, Discount::amount)
                    .containsExactly(tuple("5123456789", "Buy 2, save 10%", gbp("4.00")));
            assertThat(order.orderDiscounts()).isEmpty();
        }

        @Test
        void takes_totals_from_the_pricing_summary() {
            assertThat(order.totals()).isEqualTo(new OrderTotals(gbp("52.48"), gbp("3.49"), gbp("0.00"),
                    gbp("4.00"), gbp("51.97")));
            assertThat(order.shipping().method()).isEqualTo("UK_RoyalMailSecondClassStandard");
            assertThat(order.taxLines()).isEmpty();
        }

        @Test
        void keeps_the_marketplace_fee_and_the_buyer_username() {
            assertThat(order.fees()).extracting(MarketplaceFee::type, MarketplaceFee::amount)
                    .containsExactly(tuple("TOTAL_MARKETPLACE_FEE", gbp("6.95")));
            assertThat(order.buyer().reference()).isEqualTo("jane_example_uk");
            assertThat(order.buyer().name()).isEqualTo("Jane Example");
            assertThat(order.shipTo().postalCode()).isEqualTo("EC1A 1BB");
            assertThat(order.shipTo().countryCode()).isEqualTo("GB");
            assertThat(order.shipTo().phone()).isEqualTo("07700 900142");
        }
    }

    @Nested
    class UnitedStatesCollectAndRemitTax {

        @Test
        void keeps_the_tax_ebay_remits_in_the_totals_marked_as_marketplace_remitted() {
            CanonicalOrder order = mapped(raw("ebay", US_ORDER));

            assertThat(order.taxesIncluded()).isFalse();
            assertThat(order.totals()).isEqualTo(new OrderTotals(usd("105.97"), usd("6.50"), usd("9.75"),
                    usd("2.60"), usd("119.62")));
            assertThat(order.lines()).extracting(OrderLine::lineTax).containsExactly(usd("7.68"), usd("2.07"));
            assertThat(order.lines().get(1).unitPrice()).isEqualTo(usd("12.99"));
            assertThat(order.taxLines())
                    .extracting(TaxLine::title, TaxLine::amount, TaxLine::appliesTo, TaxLine::remittedByMarketplace)
                    .containsExactly(tuple("STATE_SALES_TAX", usd("9.75"), TaxTarget.ITEMS, true));
        }

        @Test
        void adds_the_collect_and_remit_tax_when_the_order_was_fetched_without_tax_breakdown() {
            // Without fieldGroups=TAX_BREAKDOWN eBay leaves Collect and Remit tax out of the totals and the taxes
            // array; the canonical order still states what the buyer paid.
            CanonicalOrder order = mapped(usOrderWith(o -> {
                lineItem(o, 0).putArray("taxes");
                lineItem(o, 1).putArray("taxes");
                o.with("pricingSummary").remove("tax");
                o.with("pricingSummary").with("total").put("value", "109.87");
            }));

            assertThat(order.totals().tax()).isEqualTo(usd("9.75"));
            assertThat(order.totals().grandTotal()).isEqualTo(usd("119.62"));
            assertThat(order.taxLines()).extracting(TaxLine::remittedByMarketplace).containsOnly(true);
        }

        @Test
        void counts_tax_the_seller_collects_as_the_seller_s() {
            CanonicalOrder order = mapped(usOrderWith(o -> {
                lineItem(o, 0).remove("ebayCollectAndRemitTaxes");
                lineItem(o, 1).remove("ebayCollectAndRemitTaxes");
            }));

            assertThat(order.totals().grandTotal()).isEqualTo(usd("119.62"));
            assertThat(order.taxLines()).extracting(TaxLine::amount, TaxLine::remittedByMarketplace)
                    .containsExactly(tuple(usd("9.75"), false));
        }
    }

    @ParameterizedTest(name = "cancel {0}, payment {1}, fulfilment {2} → {3}")
    @CsvSource({
            "NONE_REQUESTED, PAID,               NOT_STARTED, CONFIRMED",
            "NONE_REQUESTED, PAID,               IN_PROGRESS, PARTIALLY_FULFILLED",
            "NONE_REQUESTED, PAID,               FULFILLED,   FULFILLED",
            "NONE_REQUESTED, PENDING,            NOT_STARTED, PENDING",
            "NONE_REQUESTED, FAILED,             NOT_STARTED, PENDING",
            "NONE_REQUESTED, FULLY_REFUNDED,     FULFILLED,   FULFILLED",
            "IN_PROGRESS,    PAID,               NOT_STARTED, CONFIRMED",
            "CANCELED,       FULLY_REFUNDED,     NOT_STARTED, CANCELLED"
    })
    void derives_the_status_from_cancellation_payment_and_fulfilment(String cancelState, String payment,
                                                                     String fulfillment, OrderStatus status) {
        CanonicalOrder order = mapped(gbOrderWith(o -> {
            o.with("cancelStatus").put("cancelState", cancelState);
            o.put("orderPaymentStatus", payment);
            o.put("orderFulfillmentStatus", fulfillment);
        }));

        assertThat(order.status()).isEqualTo(status);
    }

    @Test
    void keeps_a_price_discount_no_line_accounts_for_as_an_order_discount() {
        CanonicalOrder order = mapped(gbOrderWith(o -> {
            o.with("pricingSummary").with("priceDiscount").put("value", "-5.00");
            o.with("pricingSummary").with("total").put("value", "50.97");
        }));

        assertThat(order.orderDiscounts()).extracting(Discount::amount).containsExactly(gbp("1.00"));
        assertThat(order.totals().discount()).isEqualTo(gbp("5.00"));
    }

    @Nested
    class RejectsBadInput {

        @Test
        void a_negative_quantity() {
            assertThat(rejected(gbOrderWith(o -> lineItem(o, 0).put("quantity", -2))))
                    .isEqualTo("line 1 (sku TSH-CLASSIC-BLK-M): quantity -2 is negative");
        }

        @Test
        void a_missing_quantity() {
            assertThat(rejected(gbOrderWith(o -> lineItem(o, 1).remove("quantity"))))
                    .isEqualTo("line 2 (sku MUG-STONEWARE-12OZ): quantity missing");
        }

        @Test
        void a_missing_order_id() {
            assertThat(rejected(gbOrderWith(o -> o.remove("orderId")))).isEqualTo("order: orderId missing");
        }

        @Test
        void a_buyer_paid_special_fee() {
            assertThat(rejected(usOrderWith(o -> o.with("pricingSummary").putObject("fee")
                    .put("value", "2.00").put("currency", "USD"))))
                    .isEqualTo("order.pricingSummary: fee 2.00 USD: buyer-paid special fees have no place in"
                            + " canonical order v1");
        }

        @Test
        void a_discounted_line_cost_that_contradicts_its_promotions() {
            assertThat(rejected(gbOrderWith(o -> lineItem(o, 0).with("discountedLineItemCost")
                    .put("value", "36.98"))))
                    .isEqualTo("line 1 (sku TSH-CLASSIC-BLK-M): discountedLineItemCost 36.98 GBP but lineItemCost"
                            + " 39.98 GBP less appliedPromotions is 35.98 GBP");
        }

        @Test
        void a_stated_tax_the_line_items_do_not_carry() {
            assertThat(rejected(usOrderWith(o -> o.with("pricingSummary").with("tax").put("value", "9.85"))))
                    .isEqualTo("order.pricingSummary: tax 9.85 USD does not match the line items' taxes 9.75 USD");
        }

        @Test
        void a_total_that_does_not_add_up() {
            assertThat(rejected(gbOrderWith(o -> o.with("pricingSummary").with("total").put("value", "52.07"))))
                    .isEqualTo("grandTotal stated 52.07 GBP but the parts add up to 51.97 GBP"
                            + " (difference 0.10 GBP)");
        }

        @Test
        void a_line_without_marketplace_cannot_tell_its_tax_mode() {
            assertThat(rejected(gbOrderWith(o -> {
                lineItem(o, 0).remove("listingMarketplaceId");
                lineItem(o, 0).remove("purchaseMarketplaceId");
            }))).isEqualTo("line 1 (sku TSH-CLASSIC-BLK-M): listingMarketplaceId missing");
        }

        @Test
        void an_unknown_currency() {
            assertThat(rejected(gbOrderWith(o -> o.with("pricingSummary").with("total").put("currency", "GBX"))))
                    .isEqualTo("order.pricingSummary: total.currency 'GBX' is not an ISO 4217 currency code");
        }
    }
}
