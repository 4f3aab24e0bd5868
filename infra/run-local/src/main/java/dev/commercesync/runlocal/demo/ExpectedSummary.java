package dev.commercesync.runlocal.demo;

import dev.commercesync.model.order.SalesChannel;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a feed should come to once the pipeline has worked through it, for the demo's closing summary.
 *
 * @param deliveries          deliveries in the feed
 * @param uniqueValidOrders   orders that should each end as exactly one ERP document
 * @param updates             deliveries expected to update an ERP document ({@link Expectation#UPDATE})
 * @param staleVersions       deliveries older than one before them ({@link Expectation#STALE_VERSION})
 * @param duplicates          repeated deliveries ({@link Expectation#DUPLICATE})
 * @param malformed           deliveries ingest refuses at the door with 400
 * @param nonReconciling      orders map records as MAPPING_FAILED
 * @param validOrdersByChannel unique valid orders per channel, every channel present
 */
public record ExpectedSummary(int deliveries, int uniqueValidOrders, int updates, int staleVersions, int duplicates,
                              int malformed, int nonReconciling, Map<SalesChannel, Integer> validOrdersByChannel) {

    public ExpectedSummary {
        Map<SalesChannel, Integer> complete = new EnumMap<>(SalesChannel.class);
        for (SalesChannel channel : SalesChannel.values()) {
            complete.put(channel, validOrdersByChannel == null ? 0 : validOrdersByChannel.getOrDefault(channel, 0));
        }
        validOrdersByChannel = Map.copyOf(complete);
    }
}
