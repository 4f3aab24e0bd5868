package dev.commercesync.inventory.channel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Keeps calls to each channel account within its published rate (a token bucket per account: {@code ratePerSecond}
 * sustained, {@code burst} at once). A caller asks for a slot and is told how long to wait for it; a wait longer than
 * it is willing to spend in the invocation is declined, and the caller sends the update back to its queue instead of
 * blocking the function.
 * <p>
 * The bucket is per process. With several concurrent function instances per channel, each instance must get its share
 * of the account's rate: the template sets the rate to the channel's limit divided by the event source's
 * MaximumConcurrency, and a 429 that still slips through is honoured through Retry-After.
 */
public final class CallPacer {

    private final double ratePerSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CallPacer(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    public CallPacer(double ratePerSecond, int burst, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /**
     * Reserves the next call slot of {@code account} if it comes within {@code longestWait}.
     *
     * @return how long to wait before calling (zero: now), or empty when the wait would be longer (nothing reserved)
     */
    public Optional<Duration> reserve(String account, Duration longestWait) {
        return buckets.computeIfAbsent(account, a -> new Bucket(burst, nanoTime.getAsLong()))
                .reserve(nanoTime.getAsLong(), longestWait.toNanos());
    }

    /**
     * How long until {@code account} has a free slot, reserving nothing: what an update declined by {@link #reserve}
     * should wait in its queue before it is tried again.
     */
    public Duration nextSlotIn(String account) {
        Bucket bucket = buckets.get(account);
        return bucket == null ? Duration.ZERO : Duration.ofNanos(bucket.waitNanos(nanoTime.getAsLong()));
    }

    /** As {@link #reserve} and sleeps until the slot; false when the slot is further away than {@code longestWait}. */
    public boolean awaitSlot(String account, Duration longestWait) throws InterruptedException {
        Optional<Duration> wait = reserve(account, longestWait);
        if (wait.isEmpty()) {
            return false;
        }
        if (!wait.get().isZero()) {
            Thread.sleep(wait.get().toMillis(), wait.get().toNanosPart() % 1_000_000);
        }
        return true;
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized Optional<Duration> reserve(long now, long longestWaitNanos) {
            refill(now);
            // Tokens may go negative: each reservation queues behind the ones already made.
            long waitNanos = waitNanos();
            if (waitNanos > longestWaitNanos) {
                return Optional.empty();
            }
            tokens -= 1;
            return Optional.of(Duration.ofNanos(waitNanos));
        }

        synchronized long waitNanos(long now) {
            refill(now);
            return waitNanos();
        }

        private long waitNanos() {
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerSecond * 1e9);
        }

        private void refill(long now) {
            // The clock is read before the lock is taken, so a thread may arrive with an older reading than the one
            // already applied: that reading adds nothing and leaves updatedAt where it is.
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * ratePerSecond);
                updatedAt = now;
            }
        }
    }
}
