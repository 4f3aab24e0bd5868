package dev.commercesync.runlocal.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.commercesync.model.order.SalesChannel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A repeatable feed of marketplace order deliveries, as they would reach ingest's {@code POST /v1/orders/{channel}}:
 * Shopify webhooks and the Amazon and eBay pollers' posts, spread over the nine storefronts of {@link Storefront},
 * with the trouble real feeds bring (redeliveries, updates overtaking creates, broken bodies, totals that do not add
 * up) in the shares {@link DemoOptions} asks for.
 * <p>
 * Every valid body is built from one {@link PlacedOrder} with {@link java.math.BigDecimal} arithmetic, so its totals
 * reconcile to the cent the way the map step checks them; the tests run every one through the real mappers. The
 * same options give the same feed, byte for byte: everything is drawn from one {@link java.util.Random} seeded with
 * {@link DemoOptions#seed()}, and the orders are placed on a fixed calendar (from 2026-11-20 08:00 UTC), not on
 * today's.
 */
public final class DemoFeed {

    private final DemoOptions options;
    private final List<Delivery> deliveries;
    private final List<ExpectedErpDocument> expectedErpDocuments;
    private final ExpectedSummary expectedSummary;

    private DemoFeed(DemoOptions options, List<Delivery> deliveries, List<ExpectedErpDocument> documents) {
        this.options = options;
        this.deliveries = List.copyOf(deliveries);
        this.expectedErpDocuments = List.copyOf(documents);
        this.expectedSummary = summarise(this.deliveries, this.expectedErpDocuments);
    }

    public static DemoFeed generate(DemoOptions options) {
        Objects.requireNonNull(options, "options");
        FeedAssembly assembly = new FeedAssembly(options, new ObjectMapper());
        List<Delivery> deliveries = assembly.deliveries();
        return new DemoFeed(options, deliveries, assembly.expectedErpDocuments(deliveries));
    }

    /** The item numbers the feed's orders use: the SKU catalogue to give the sandbox ERP. */
    public static Set<String> skuCatalogue() {
        return Product.RANGE.stream().map(Product::sku).collect(Collectors.toUnmodifiableSet());
    }

    public DemoOptions options() {
        return options;
    }

    /** Every delivery, in the order to send them. */
    public List<Delivery> deliveries() {
        return deliveries;
    }

    /** One per valid order, in the order they were placed, each with the latest version delivered. */
    public List<ExpectedErpDocument> expectedErpDocuments() {
        return expectedErpDocuments;
    }

    public ExpectedSummary expectedSummary() {
        return expectedSummary;
    }

    private static ExpectedSummary summarise(List<Delivery> deliveries, List<ExpectedErpDocument> documents) {
        Map<Expectation, Integer> counts = new EnumMap<>(Expectation.class);
        Map<SalesChannel, Integer> byChannel = new EnumMap<>(SalesChannel.class);
        for (Delivery delivery : deliveries) {
            counts.merge(delivery.expectation(), 1, Integer::sum);
            if (delivery.expectation() == Expectation.ACCEPTED_NEW_ORDER) {
                byChannel.merge(delivery.channel(), 1, Integer::sum);
            }
        }
        Set<String> nonReconciling = new HashSet<>();
        deliveries.stream().filter(d -> d.expectation() == Expectation.NON_RECONCILING)
                .forEach(d -> nonReconciling.add(d.orderKey()));
        return new ExpectedSummary(deliveries.size(), documents.size(),
                counts.getOrDefault(Expectation.UPDATE, 0), counts.getOrDefault(Expectation.STALE_VERSION, 0),
                counts.getOrDefault(Expectation.DUPLICATE, 0), counts.getOrDefault(Expectation.MALFORMED, 0),
                nonReconciling.size(), byChannel);
    }

    /** The latest version per valid order, from the deliveries themselves. */
    static List<ExpectedErpDocument> latestVersions(List<Delivery> deliveries, List<String> placedOrderKeys) {
        Map<String, Instant> latest = new HashMap<>();
        for (Delivery delivery : deliveries) {
            switch (delivery.expectation()) {
                case ACCEPTED_NEW_ORDER:
                case UPDATE:
                case STALE_VERSION:
                case DUPLICATE:
                    latest.merge(delivery.orderKey(), delivery.sourceVersion(),
                            (a, b) -> a.isAfter(b) ? a : b);
                    break;
                default:
                    break;
            }
        }
        Map<String, ExpectedErpDocument> documents = new LinkedHashMap<>();
        for (String key : placedOrderKeys) {
            if (latest.containsKey(key)) {
                documents.put(key, new ExpectedErpDocument(key, latest.get(key)));
            }
        }
        return new ArrayList<>(documents.values());
    }
}
