package dev.commercesync.pipeline.batch;

import java.time.Duration;

/**
 * The record cannot be processed now but will be later (a downstream circuit is open, a rate limit is hit).
 * The batch processor returns it to the queue and hides it for {@link #delay()}, so it is not retried before the
 * downstream can take it.
 */
public class RetryLaterException extends RuntimeException {

    private final Duration delay;

    public RetryLaterException(String reason, Duration delay, Throwable cause) {
        super(reason, cause);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }
}
