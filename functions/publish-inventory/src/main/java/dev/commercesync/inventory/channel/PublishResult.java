package dev.commercesync.inventory.channel;

import java.time.Duration;
import java.time.Instant;

/** What a channel did with one {@link ListingQuantity}. */
public sealed interface PublishResult {

    String listingKey();

    /** The channel confirmed the listing now shows {@code quantity}. */
    record Published(String listingKey, long quantity, Instant confirmedAt) implements PublishResult {
    }

    /** The channel (or our limiter for it) asked us to wait; the update goes back to its queue for that long. */
    record Throttled(String listingKey, Duration retryAfter) implements PublishResult {
    }

    /** The channel cannot reach or answer now (5xx, timeout, connection refused); tried again later. */
    record Unavailable(String listingKey, String reason) implements PublishResult {
    }

    /**
     * The channel refused the update for a reason a retry will not fix (unknown listing, invalid ids, no access): a
     * business exception for an operator, recorded on the listing.
     */
    record Rejected(String listingKey, String reason) implements PublishResult {
    }
}
