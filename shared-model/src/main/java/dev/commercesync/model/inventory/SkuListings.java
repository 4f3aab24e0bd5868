package dev.commercesync.model.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every channel listing of one SKU, replaced as a whole by {@code PUT /v1/listings/{sku}}.
 *
 * @param version   increases with every replacement (optimistic concurrency for writers)
 * @param updatedAt when it was last replaced
 */
public record SkuListings(String sku, List<ChannelListing> listings, long version, Instant updatedAt) {

    public SkuListings {
        listings = listings == null ? List.of() : List.copyOf(listings);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sku == null || sku.isBlank()) {
            problems.add("sku is required");
        } else if (sku.length() > StockEvent.MAX_SKU_LENGTH) {
            problems.add("sku is longer than " + StockEvent.MAX_SKU_LENGTH + " characters");
        }
        Set<String> keys = new HashSet<>();
        for (ChannelListing listing : listings) {
            if (listing == null) {
                problems.add("a listing is null");
                continue;
            }
            List<String> own = listing.problems();
            problems.addAll(own);
            if (own.isEmpty() && !keys.add(listing.listingKey(sku))) {
                problems.add(listing.channel().id() + " listing " + listing.listingKey(sku) + " appears twice");
            }
        }
        return problems;
    }
}
