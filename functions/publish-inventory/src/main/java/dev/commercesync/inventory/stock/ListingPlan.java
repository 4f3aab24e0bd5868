package dev.commercesync.inventory.stock;

import dev.commercesync.model.inventory.ChannelListing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which listings of a SKU need a new quantity, and which. */
public final class ListingPlan {

    private ListingPlan() {
    }

    /**
     * A new target for the listing, one revision after its last.
     *
     * @param previousRevision the listing's last target revision (0 when it never had one)
     */
    public record Change(ChannelListing listing, String listingKey, long quantity, long previousRevision) {

        public long revision() {
            return previousRevision + 1;
        }
    }

    /**
     * Every listing whose offered quantity differs from its last target; a listing already targeted at the same
     * quantity is left alone, so the channel is not called again for what it already has (or is about to have).
     */
    public static List<Change> changes(String sku, List<ChannelListing> listings, long sellable, long held,
                                       Map<String, ListingState> states) {
        List<Change> changes = new ArrayList<>();
        for (ChannelListing listing : listings) {
            String key = listing.listingKey(sku);
            long offered = AvailableToSell.offered(sellable, held, listing.rule());
            ListingState state = states.get(key);
            if (state == null || state.targetQuantity() == null) {
                changes.add(new Change(listing, key, offered, state == null ? 0 : state.targetRevision()));
            } else if (state.targetQuantity() != offered || !listing.equals(state.listing())) {
                changes.add(new Change(listing, key, offered, state.targetRevision()));
            }
        }
        return changes;
    }
}
