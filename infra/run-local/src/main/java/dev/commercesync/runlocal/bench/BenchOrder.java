package dev.commercesync.runlocal.bench;

import java.time.Instant;
import java.util.List;

/**
 * What the null pipeline needs to know of an order without reading it: the order key (FIFO group, table keys), its
 * version (idempotency key, version condition) and its distinct SKUs (one stock hold each). Worked out by the bench
 * from the feed before the load starts; the null functions carry it in a message attribute.
 */
record BenchOrder(String orderKey, Instant version, List<String> skus) {

    /** The message attribute the null functions carry it in. */
    static final String ATTRIBUTE = "benchOrder";

    BenchOrder {
        skus = List.copyOf(skus);
    }

    /** {@code key|versionMillis|sku1,sku2}: order keys and SKUs contain no {@code |}. */
    String encode() {
        return orderKey + "|" + version.toEpochMilli() + "|" + String.join(",", skus);
    }

    static BenchOrder decode(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a bench order: " + text);
        }
        return new BenchOrder(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])),
                parts[2].isEmpty() ? List.of() : List.of(parts[2].split(",")));
    }

    /** The idempotency key as dedupe builds it from the channel version. */
    String idempotencyKey() {
        return orderKey + ":order:" + version.toEpochMilli();
    }
}
