package dev.commercesync.model.inventory;

import dev.commercesync.model.event.GroupedPayload;

import java.time.Instant;

/**
 * The quantity one channel listing should show: payload of {@value dev.commercesync.model.event.SchemaId#CHANNEL_STOCK_V1},
 * sent by publish-inventory's stock step to the channel's own queue.
 *
 * @param sku        our SKU
 * @param listing    the listing, with the ids the channel's API needs
 * @param quantity   what the listing should offer, after the listing's rule; never negative
 * @param revision   the SKU's stock revision it was computed from; a channel never gets an older revision after a newer
 * @param sourceTime when the newest figure or hold behind it arrived, for publish lag
 * @param reason     why it was sent: {@value #REASON_STOCK} (a figure, hold or listing change moved the offered
 *                   quantity) or {@value #REASON_DRIFT_REPAIR} (the channel was found showing something else; sent even
 *                   if the revision was confirmed before)
 */
public record ChannelStockUpdate(String sku, ChannelListing listing, long quantity, long revision, Instant sourceTime,
                                 String reason) implements GroupedPayload {

    public static final String REASON_STOCK = "stock";
    public static final String REASON_DRIFT_REPAIR = "drift-repair";

    /** FIFO deduplication: the same listing and revision is one update (a drift repair is a new one). */
    public String idempotencyKey() {
        return REASON_DRIFT_REPAIR.equals(reason) ? null : "channel-stock:" + listingKey() + ":" + revision;
    }

    public String listingKey() {
        return listing.listingKey(sku);
    }

    @Override
    public String messageGroup() {
        return StockKeys.group(sku);
    }
}
