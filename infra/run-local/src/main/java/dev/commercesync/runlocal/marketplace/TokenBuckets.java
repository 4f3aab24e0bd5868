package dev.commercesync.runlocal.marketplace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per rate-limited party (a Shopify shop, an Amazon seller, an eBay account): {@code capacity}
 * tokens at most, refilled at {@code ratePerSecond} on the sandbox's clock, so a test moving the clock by hand sees
 * exact refills. Shopify's cost bucket is the same thing counted in query-cost points.
 */
final class TokenBuckets {

    /**
     * @param admitted  whether the call got its tokens
     * @param available tokens left after the call (admitted) or there now (refused)
     * @param waitTime  how long until the call's tokens would be there; zero when admitted
     */
    record Admission(boolean admitted, double available, Duration waitTime) {

        /** The wait in whole seconds, at least 1: what a {@code Retry-After} header carries. */
        long retryAfterSeconds() {
            long seconds = (waitTime.toNanos() + 999_999_999L) / 1_000_000_000L;
            return Math.max(1, seconds);
        }
    }

    private final double capacity;
    private final double ratePerSecond;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double capacity, double ratePerSecond, Clock clock) {
        if (!(capacity > 0) || !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("a bucket needs a positive capacity and rate: " + capacity + ", "
                    + ratePerSecond);
        }
        this.capacity = capacity;
        this.ratePerSecond = ratePerSecond;
        this.clock = clock;
    }

    double capacity() {
        return capacity;
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    /** Takes {@code cost} tokens from {@code party}'s bucket if it holds them; takes nothing otherwise. */
    Admission take(String party, double cost) {
        Instant now = clock.instant();
        return buckets.computeIfAbsent(party, p -> new Bucket(now)).take(now, cost);
    }

    private final class Bucket {
        private double tokens = capacity;
        private Instant updatedAt;

        Bucket(Instant now) {
            this.updatedAt = now;
        }

        synchronized Admission take(Instant now, double cost) {
            if (now.isAfter(updatedAt)) {
                double elapsedSeconds = Duration.between(updatedAt, now).toNanos() / 1e9;
                tokens = Math.min(capacity, tokens + elapsedSeconds * ratePerSecond);
                updatedAt = now;
            }
            if (tokens >= cost) {
                tokens -= cost;
                return new Admission(true, tokens, Duration.ZERO);
            }
            long waitNanos = (long) Math.ceil((cost - tokens) / ratePerSecond * 1e9);
            return new Admission(false, tokens, Duration.ofNanos(waitNanos));
        }
    }
}
