package dev.commercesync.inventory.channel;

import dev.commercesync.model.inventory.ChannelListing;

/** A listing to read back. */
public record ListingRef(String sku, ChannelListing listing) {

    public String listingKey() {
        return listing.listingKey(sku);
    }
}
