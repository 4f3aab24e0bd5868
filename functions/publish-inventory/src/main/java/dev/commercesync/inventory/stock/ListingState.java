package dev.commercesync.inventory.stock;

import dev.commercesync.model.inventory.ChannelListing;

import java.time.Instant;
import java.util.List;

/**
 * What one channel listing should show (target) and last showed (confirmed by the channel), with the revisions that
 * keep them in order: each new target gets the next revision; a channel update older than the target is dropped.
 *
 * @param targetQuantity null until a target was computed
 * @param sourceTime     when the newest event behind the target reached us (publish lag starts here)
 * @param shownQuantity  null until the channel confirmed a quantity
 * @param recentLagsMs   the latest publish lags (event in → channel confirmed), newest last
 * @param lastRejection  the channel's reason for refusing the latest update, null after a success
 */
public record ListingState(String sku, String listingKey, ChannelListing listing, Long targetQuantity,
                           long targetRevision, Instant sourceTime, Long shownQuantity, long shownRevision,
                           Instant shownAt, List<Long> recentLagsMs, String lastRejection) {

    public ListingState {
        recentLagsMs = recentLagsMs == null ? List.of() : List.copyOf(recentLagsMs);
    }

    /** The channel confirmed the current target: there is nothing in flight for it. */
    public boolean settled() {
        return targetQuantity != null && shownRevision >= targetRevision && targetQuantity.equals(shownQuantity);
    }
}
