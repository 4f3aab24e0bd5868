package dev.commercesync.runlocal.marketplace;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sandbox channel does wrong on purpose, so the publisher's retries, backoff and requeueing can be watched.
 * Faults apply to the channel's own API calls, never to the sandbox's {@code /sandbox/marketplaces/...} routes.
 */
public enum MarketplaceFault {
    /** The channel behaves. */
    NONE("none"),
    /** Every call to the channel, token endpoints included, answers 503: the channel is down. */
    OUTAGE("outage"),
    /**
     * Every inventory call is throttled: Shopify answers {@code THROTTLED}, Amazon and eBay 429 with
     * {@code Retry-After: 1}. Token endpoints keep working: they are separate services with their own limits.
     */
    THROTTLE_STORM("throttle-storm");

    private final String id;

    MarketplaceFault(String id) {
        this.id = id;
    }

    /** The mode's name in {@code PUT /sandbox/marketplaces/{channel}/faults}. */
    public String id() {
        return id;
    }

    public static Optional<MarketplaceFault> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }
}
