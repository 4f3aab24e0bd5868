package dev.commercesync.inventory.stock;

import dev.commercesync.model.inventory.ChannelStockUpdate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules that decide which queued channel updates still need the channel. */
public final class ChannelUpdates {

    private ChannelUpdates() {
    }

    /** Why an update is not sent. */
    public enum Skip {
        /** A newer update of the same listing is in the same batch. */
        COALESCED,
        /** The listing has a newer target already: this one was overtaken (e.g. an old message redriven from the DLQ). */
        SUPERSEDED,
        /** The channel already confirmed this revision (a redelivery after the confirmation was recorded). */
        ALREADY_SHOWN
    }

    /** The newest update per listing, in first-seen order; the rest are {@link Skip#COALESCED}. */
    public static <T> Map<String, T> newestPerListing(Collection<T> items,
                                                      java.util.function.Function<T, ChannelStockUpdate> update) {
        Map<String, T> newest = new LinkedHashMap<>();
        for (T item : items) {
            ChannelStockUpdate candidate = update.apply(item);
            newest.merge(candidate.listingKey(), item,
                    (a, b) -> update.apply(b).revision() >= update.apply(a).revision() ? b : a);
        }
        return newest;
    }

    /** Null when the update should go to the channel, otherwise why not. A drift repair is sent even if "shown". */
    public static Skip skipReason(ChannelStockUpdate update, ListingState state) {
        if (state == null) {
            return null;
        }
        if (update.revision() < state.targetRevision()) {
            return Skip.SUPERSEDED;
        }
        boolean repair = ChannelStockUpdate.REASON_DRIFT_REPAIR.equals(update.reason());
        if (!repair && state.shownRevision() >= update.revision()) {
            return Skip.ALREADY_SHOWN;
        }
        return null;
    }

    /** The last {@code keep} lags after adding {@code latest}. */
    public static List<Long> recentLags(List<Long> previous, long latest, int keep) {
        List<Long> lags = new ArrayList<>(previous);
        lags.add(latest);
        return List.copyOf(lags.subList(Math.max(0, lags.size() - keep), lags.size()));
    }
}
