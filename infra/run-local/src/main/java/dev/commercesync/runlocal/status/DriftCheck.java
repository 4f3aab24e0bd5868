package dev.commercesync.runlocal.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Inventory drift as drift repair judges it: a listing whose last target the channel confirmed but which now shows
 * something else has drifted; one with an update still in flight is left out. Here the channel is the sandbox
 * marketplace, read in process (no channel API call, no rate limit spent), on every refresh.
 *
 * @param checked    false until some listing has a target: until then there is nothing to compare
 * @param checkedAt  ISO-8601 UTC
 * @param inFlight   listings whose latest target the channel has not confirmed yet (left to that update)
 * @param unreadable listings the sandbox channel does not list at all
 * @param drifted    the listings showing something other than their confirmed target, in table order
 */
public record DriftCheck(boolean checked, String checkedAt, int listings, int inSync, int inFlight, int unreadable,
                         List<Drifted> drifted) {

    public record Drifted(String sku, String channel, String account, String listingKey, long shown, long target) {
    }

    /**
     * @param target  what we last asked the channel to show, null before the first
     * @param settled whether the channel confirmed that target
     */
    public record ListingTarget(String sku, String listingKey, String channel, String account, Long target,
                                boolean settled) {
    }

    public static DriftCheck of(List<ListingTarget> listings, Function<ListingTarget, OptionalLong> shownOnChannel,
                                Instant now) {
        List<ListingTarget> targeted = listings.stream().filter(l -> l.target() != null).toList();
        int inSync = 0;
        int inFlight = 0;
        int unreadable = 0;
        List<Drifted> drifted = new ArrayList<>();
        for (ListingTarget listing : targeted) {
            if (!listing.settled()) {
                inFlight++;
                continue;
            }
            OptionalLong shown = shownOnChannel.apply(listing);
            if (shown.isEmpty()) {
                unreadable++;
            } else if (shown.getAsLong() == listing.target()) {
                inSync++;
            } else {
                drifted.add(new Drifted(listing.sku(), listing.channel(), listing.account(), listing.listingKey(),
                        shown.getAsLong(), listing.target()));
            }
        }
        return new DriftCheck(!targeted.isEmpty(), now.toString(), targeted.size(), inSync, inFlight, unreadable,
                List.copyOf(drifted));
    }
}
