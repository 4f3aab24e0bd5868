package dev.commercesync.inventory.channel;

import dev.commercesync.model.order.SalesChannel;

import java.util.List;

/**
 * The port to one marketplace's inventory API. Adapters follow each channel's public API documentation, batch as the
 * channel allows (eBay: 25 SKUs a call), keep to its rate limit per account, and never throw for a single listing's
 * trouble: every update gets a {@link PublishResult}.
 * <p>
 * The exact requests and responses each adapter handles (the WIRE_SPEC_PLACEHOLDER of the adapters brief) are in
 * {@code functions/publish-inventory/CHANNEL-WIRE-CONTRACT.md}; the local sandbox marketplaces follow the same text.
 */
public interface MarketplaceInventory {

    SalesChannel channel();

    /** Sets each listing's quantity. One result per update, in any order, identified by listing key. */
    List<PublishResult> publish(List<ListingQuantity> updates);

    /** What each listing shows now. One answer per listing, identified by listing key. */
    List<ShownQuantity> read(List<ListingRef> listings);
}
