package dev.commercesync.inventory.channel;

import dev.commercesync.model.inventory.ChannelListing;

/**
 * One quantity to set on one channel listing.
 *
 * @param sku            our SKU
 * @param listing        the listing and the ids its channel's API needs
 * @param quantity       the quantity to show, never negative
 * @param believedShown  what we last confirmed the listing shows, null when unknown; Shopify's compare-and-set
 *                       ({@code changeFromQuantity}) starts from it
 * @param idempotencyKey stable for this listing and target revision, so a retried call is not applied twice where the
 *                       channel honours idempotency keys (Shopify's {@code @idempotent})
 */
public record ListingQuantity(String sku, ChannelListing listing, long quantity, Long believedShown,
                              String idempotencyKey) {

    public ListingQuantity {
        if (quantity < 0) {
            throw new IllegalArgumentException("a channel quantity is never negative: " + quantity);
        }
    }

    public String listingKey() {
        return listing.listingKey(sku);
    }
}
