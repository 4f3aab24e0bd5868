package dev.commercesync.map.channel;

import dev.commercesync.map.channel.shopify.ShopifyOrderMapper;
import dev.commercesync.model.event.RawOrderReceived;
import dev.commercesync.model.order.CanonicalOrder;
import dev.commercesync.model.order.SalesChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.commercesync.map.channel.ChannelFixtures.RECEIVED_AT;
import static dev.commercesync.map.channel.ChannelFixtures.raw;
import static dev.commercesync.map.channel.MappingOutcomes.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderMappingTest {

    private final OrderMapping mapping = OrderMapping.forAllChannels();

    private static RawOrderReceived rawBody(String channel, String body) {
        return new RawOrderReceived(channel, null, RECEIVED_AT, null, null, null, body);
    }

    /** What every committed fixture comes to; the list the map step's behaviour is reviewed against. */
    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "shopify | order-tax-exclusive-usd-multi-line.json | 139.37 USD",
            "shopify | order-tax-inclusive-eur-discounts.json  | 80.32 EUR",
            "shopify | order-presentment-cad-shop-usd.json     | 168.37 USD",
            "shopify | order-cancelled.json                    | 54.11 USD",
            "shopify | order-updated-v2.json                   | 119.84 USD",
            "shopify | order-totals-mismatch.json              | grandTotal stated 86.10 USD but the parts add up to 86.00 USD (difference 0.10 USD)",
            "amazon  | order-de-tax-inclusive-promotion.json   | 83.82 EUR",
            "amazon  | order-us-tax-exclusive-multi-item.json  | 125.74 USD",
            "amazon  | order-canceled.json                     | 0.00 GBP",
            "amazon  | order-missing-order-id.json             | order: AmazonOrderId missing",
            "ebay    | order-gb-multi-line-discount.json       | 51.97 GBP",
            "ebay    | order-us-collect-and-remit-tax.json     | 119.62 USD"
    })
    void every_fixture_comes_to_its_expected_outcome(String channel, String fixture, String expected) {
        MappingOutcome outcome = mapping.map(raw(channel, fixture));

        String actual = outcome instanceof MappingOutcome.Mapped mapped
                ? mapped.order().totals().grandTotal().toString()
                : ((MappingOutcome.Rejected) outcome).reason();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void the_catalogue_above_covers_every_committed_fixture() {
        assertThat(ChannelFixtures.all()).hasSize(12);
    }

    @Test
    void rejects_a_line_without_sku_naming_it_because_the_erp_books_items_by_sku() {
        String body = ChannelFixtures.body("shopify", "order-tax-exclusive-usd-multi-line.json")
                .replace("\"sku\": \"MUG-STONEWARE-12OZ\"", "\"sku\": null");

        assertThat(rejected(ChannelFixtures.rawOf("shopify", body)))
                .startsWith("line ").contains("has no SKU").doesNotContain("TSH-CLASSIC-BLK-M");
    }

    @Test
    void rejects_an_unknown_channel() {
        assertThat(rejected(rawBody("etsy", "{}"))).isEqualTo("unknown channel 'etsy'");
        assertThat(rejected(rawBody(null, "{}"))).isEqualTo("unknown channel 'null'");
    }

    @Test
    void rejects_bodies_that_are_not_a_json_object() {
        assertThat(rejected(rawBody("shopify", null))).isEqualTo("body is empty");
        assertThat(rejected(rawBody("shopify", "  "))).isEqualTo("body is empty");
        assertThat(rejected(rawBody("amazon", "[1, 2]"))).isEqualTo("body is not a JSON object");
        assertThat(rejected(rawBody("ebay", "{\"orderId\": \"12-1\",")))
                .startsWith("body is not valid JSON: ").contains("(line 1, column ");
        assertThat(rejected(rawBody("shopify", "{\"id\": 1} {\"id\": 2}")))
                .startsWith("body is not valid JSON: Trailing token");
        assertThat(rejected(rawBody("shopify", "{\"id\": 1, \"id\": 2}")))
                .startsWith("body is not valid JSON: Duplicate field 'id'");
    }

    @Test
    void rejects_a_missing_raw_order() {
        assertThat(mapping.map(null)).isEqualTo(new MappingOutcome.Rejected("no raw order to map"));
    }

    @Test
    void names_every_total_that_does_not_add_up_in_one_reason() {
        RawOrderReceived raw = ChannelFixtures.edited("shopify", "order-tax-exclusive-usd-multi-line.json", o -> {
            o.put("total_line_items_price", "118.00");
            o.put("total_price", "139.87");
        });

        assertThat(rejected(raw)).isEqualTo(
                "subtotal stated 118.00 USD but the parts add up to 118.50 USD (difference -0.50 USD); "
                        + "grandTotal stated 139.87 USD but the parts add up to 138.87 USD (difference 1.00 USD)");
    }

    @Test
    void turns_a_mapper_defect_into_a_rejection_instead_of_a_crash() {
        ChannelOrderMapper broken = new ChannelOrderMapper() {
            @Override
            public SalesChannel channel() {
                return SalesChannel.EBAY;
            }

            @Override
            public CanonicalOrder map(RawOrderReceived raw) {
                throw new ArithmeticException("Division by zero");
            }
        };

        MappingOutcome outcome = new OrderMapping(List.of(broken)).map(rawBody("ebay", "{}"));

        assertThat(outcome).isEqualTo(new MappingOutcome.Rejected(
                "mapper defect on this payload (replay after a fix): java.lang.ArithmeticException: Division by zero"));
    }

    @Test
    void says_so_when_no_mapper_serves_the_channel() {
        OrderMapping shopifyOnly = new OrderMapping(List.of(new ShopifyOrderMapper()));

        assertThat(shopifyOnly.map(rawBody("amazon", "{}")))
                .isEqualTo(new MappingOutcome.Rejected("no mapper for channel amazon"));
    }

    @Test
    void refuses_two_mappers_for_one_channel() {
        assertThatThrownBy(() -> new OrderMapping(List.of(new ShopifyOrderMapper(), new ShopifyOrderMapper())))
                .hasMessage("two mappers for channel shopify");
    }

    @Test
    void maps_the_same_raw_order_to_the_same_canonical_order_every_time() {
        Map<String, CanonicalOrder> first = mappedFixtures();
        Map<String, CanonicalOrder> second = mappedFixtures();

        assertThat(second).isEqualTo(first);
        assertThat(first).hasSize(10);
    }

    private Map<String, CanonicalOrder> mappedFixtures() {
        return ChannelFixtures.all().stream()
                .collect(Collectors.toMap(Object::toString, f -> mapping.map(raw(f))))
                .entrySet().stream()
                .filter(e -> e.getValue() instanceof MappingOutcome.Mapped)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((MappingOutcome.Mapped) e.getValue()).order()));
    }
}
