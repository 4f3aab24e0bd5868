package dev.commercesync.inventory.channel;

import java.time.Duration;

/**
 * Why a call to a marketplace (or to its token endpoint) did not do its job, already sorted into what the pipeline does
 * about it. Adapters throw it inside one call and turn it into the {@link PublishResult} of each update that call
 * carried, so a failure never escapes {@link MarketplaceInventory}. No stack trace: it is an answer, not a bug.
 */
public final class ChannelCallFailure extends RuntimeException {

    /** What the pipeline does with the updates the call carried. */
    public enum Kind {
        /** Back to the queue after {@link #retryAfter()}. */
        THROTTLED,
        /** Back to the queue; the channel could not answer. */
        UNAVAILABLE,
        /** Recorded for an operator; a retry will not fix it. */
        REJECTED
    }

    private final Kind kind;
    private final Duration retryAfter;

    private ChannelCallFailure(Kind kind, String reason, Duration retryAfter) {
        super(reason, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static ChannelCallFailure throttled(String reason, Duration retryAfter) {
        return new ChannelCallFailure(Kind.THROTTLED, reason, retryAfter);
    }

    public static ChannelCallFailure unavailable(String reason) {
        return new ChannelCallFailure(Kind.UNAVAILABLE, reason, null);
    }

    public static ChannelCallFailure rejected(String reason) {
        return new ChannelCallFailure(Kind.REJECTED, reason, null);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return getMessage();
    }

    /** How long a throttled call asked us to wait; null for the other kinds. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public PublishResult resultFor(String listingKey) {
        return switch (kind) {
            case THROTTLED -> new PublishResult.Throttled(listingKey, retryAfter);
            case UNAVAILABLE -> new PublishResult.Unavailable(listingKey, reason());
            case REJECTED -> new PublishResult.Rejected(listingKey, reason());
        };
    }

    public ShownQuantity unreadable(String listingKey) {
        return ShownQuantity.unreadable(listingKey, kind == Kind.THROTTLED
                ? reason() + " (retry after " + retryAfter.toMillis() + " ms)" : reason());
    }
}
