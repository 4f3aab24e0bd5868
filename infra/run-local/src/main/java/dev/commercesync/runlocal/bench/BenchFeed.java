package dev.commercesync.runlocal.bench;

import dev.commercesync.runlocal.RunLocalOptions;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.demo.Expectation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders of one bench run: the demo feed with nothing but valid, distinct, reconciling orders (no duplicates,
 * updates, malformed or non-reconciling ones), each sent once, cut into the warm-up and one slice per rate. Both runs
 * send the same orders.
 */
final class BenchFeed {

    private final List<Delivery> deliveries;
    private final Map<String, BenchOrder> ordersByBody = new HashMap<>();
    private int next;

    private BenchFeed(List<Delivery> deliveries) {
        this.deliveries = deliveries;
        List<String> catalogue = DemoFeed.skuCatalogue().stream().sorted().toList();
        for (Delivery delivery : deliveries) {
            String body = new String(delivery.body(), StandardCharsets.UTF_8);
            // The catalogue's SKUs are not substrings of one another, so a SKU in the body is a SKU of a line.
            List<String> skus = catalogue.stream().filter(body::contains).toList();
            ordersByBody.put(body, new BenchOrder(delivery.orderKey(), delivery.sourceVersion(), skus));
        }
    }

    static BenchFeed generate(int orders, long seed) {
        DemoFeed feed = DemoFeed.generate(new DemoOptions(orders, seed, 0, 0, 0, 0,
                RunLocalOptions.DEVELOPMENT_SHOPIFY_SECRET));
        List<Delivery> deliveries = feed.deliveries();
        List<Delivery> unexpected = deliveries.stream()
                .filter(d -> d.expectation() != Expectation.ACCEPTED_NEW_ORDER).toList();
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("the bench feed should hold only new orders, not " + unexpected.get(0));
        }
        return new BenchFeed(new ArrayList<>(deliveries));
    }

    /** The next {@code rate × window} orders, for one step of the run. */
    List<Delivery> slice(double rate, Duration window) {
        int count = BenchOptions.ordersAt(rate, window);
        if (next + count > deliveries.size()) {
            throw new IllegalStateException("the feed has " + (deliveries.size() - next) + " orders left, not "
                    + count);
        }
        List<Delivery> slice = deliveries.subList(next, next + count);
        next += count;
        return slice;
    }

    /** Starts the slices over, for the next run. */
    void rewind() {
        next = 0;
    }

    /** What the null ingest needs to recognise each body. */
    Map<String, BenchOrder> ordersByBody() {
        return ordersByBody;
    }

    /** Mean distinct SKUs per order: the holds each order sends. */
    double meanSkusPerOrder() {
        return ordersByBody.values().stream().mapToInt(o -> o.skus().size()).average().orElse(0);
    }
}
