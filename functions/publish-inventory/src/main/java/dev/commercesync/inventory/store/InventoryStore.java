package dev.commercesync.inventory.store;

import dev.commercesync.inventory.stock.Hold;
import dev.commercesync.inventory.stock.ListingState;
import dev.commercesync.inventory.stock.StockFigure;
import dev.commercesync.model.inventory.ChannelListing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Per-SKU inventory state. Every write is conditional, so repeats and late arrivals never move anything backwards. */
public interface InventoryStore {

    /** Everything stored for one SKU. */
    record SkuRecords(List<StockFigure> figures, List<Hold> holds, Map<String, ListingState> listings) {
    }

    /** @return true if applied, false if a figure at least as new was already there */
    boolean applyFigure(String sku, StockFigure figure, String source, Instant receivedAt);

    /** @return true if applied, false if a hold of the same or a newer order version was already there */
    boolean applyHold(String sku, Hold hold);

    SkuRecords load(String sku);

    /** Ends the holds of these orders (order key → the version whose hold ends). */
    void releaseHolds(String sku, Map<String, Instant> versions, Instant at);

    /** @return true if recorded, false if the listing already has this or a newer revision */
    boolean recordTarget(String sku, ChannelListing listing, long quantity, long revision, Instant sourceTime,
                         Instant at);

    /** Listing states by listing key. */
    Map<String, ListingState> listingStates(String sku, Collection<String> listingKeys);

    /** The channel confirmed {@code quantity} at {@code revision}. */
    void recordShown(String sku, String listingKey, long quantity, long revision, Instant confirmedAt,
                     List<Long> recentLagsMs);

    void recordRejection(String sku, String listingKey, String reason, Instant at);

    /** Drift repair found the channel showing {@code shown} (null: unreadable) where {@code expected} should be. */
    void recordDrift(String sku, String listingKey, Long shown, long expected, String problem, Instant at);

    /** Every listing state of every SKU, page by page. */
    void forEachListing(Consumer<ListingState> action);
}
