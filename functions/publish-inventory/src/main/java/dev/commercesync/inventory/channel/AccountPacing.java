package dev.commercesync.inventory.channel;

import java.time.Duration;
import java.util.Optional;

/**
 * Each adapter's use of its {@link CallPacer}: before every call to an account, wait for the account's next slot when
 * it is near enough, else give up on the call as {@link ChannelCallFailure#throttled} so the update goes back to its
 * queue. The sleep is a parameter so tests can drive the pacer's clock instead of waiting.
 */
public final class AccountPacing {

    /** Waits; the production one is {@link Thread#sleep}. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis(),
            duration.toNanosPart() % 1_000_000);

    private final CallPacer pacer;
    private final Duration longestWait;
    private final Sleeper sleeper;

    public AccountPacing(CallPacer pacer, Duration longestWait, Sleeper sleeper) {
        this.pacer = pacer;
        this.longestWait = longestWait;
        this.sleeper = sleeper;
    }

    public AccountPacing(double ratePerSecond, int burst, Duration longestWait) {
        this(new CallPacer(ratePerSecond, burst), longestWait, THREAD_SLEEP);
    }

    /**
     * Returns once the call may go out.
     *
     * @param rateLimitKey the rate-limited party, {@code ChannelListing.rateLimitKey()}
     * @throws ChannelCallFailure throttled, with the time until the account's next slot, when that is further away
     *                            than the longest pacing wait (nothing is reserved then)
     */
    public void awaitSlot(String rateLimitKey) {
        Optional<Duration> wait = pacer.reserve(rateLimitKey, longestWait);
        if (wait.isEmpty()) {
            Duration next = pacer.nextSlotIn(rateLimitKey);
            throw ChannelCallFailure.throttled("our rate limit for " + rateLimitKey + " has no slot within "
                    + longestWait.toMillis() + " ms", next.compareTo(longestWait) > 0 ? next : longestWait);
        }
        if (!wait.get().isZero()) {
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ChannelCallFailure.unavailable("interrupted while pacing calls to " + rateLimitKey);
            }
        }
    }
}
