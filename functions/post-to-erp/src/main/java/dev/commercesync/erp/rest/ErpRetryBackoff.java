package dev.commercesync.erp.rest;

import dev.commercesync.erp.TransientErpException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter that yields to the ERP's {@code Retry-After}. A custom strategy because SmallRye
 * allows only one backoff per method, and its {@code @ExponentialBackoff} cannot read the exception: here the delay
 * doubles from {@code @Retry(delay)} up to {@link ErpCallPolicy#MAX_BACKOFF_FACTOR} times it, and each delay is drawn
 * from its upper half ("equal jitter") so parallel invocations spread out; when the ERP said how long to wait, that is
 * the delay instead, capped at {@link ErpCallPolicy#MAX_RETRY_AFTER_IN_PROCESS} (longer waits are not retried
 * in-process at all, see {@link ErpCallPolicy.RetryNow}).
 * <p>
 * SmallRye creates one instance per guarded call, so the state below is per call.
 */
@RegisterForReflection
public class ErpRetryBackoff implements CustomBackoffStrategy {

    private long nextCeilingMs;
    private long maxCeilingMs;

    @Override
    public void init(long initialDelayInMillis) {
        nextCeilingMs = Math.max(1, initialDelayInMillis);
        maxCeilingMs = nextCeilingMs * ErpCallPolicy.MAX_BACKOFF_FACTOR;
    }

    @Override
    public long nextDelayInMillis(Throwable exception) {
        long ceiling = nextCeilingMs;
        nextCeilingMs = Math.min(ceiling * 2, maxCeilingMs);
        if (exception instanceof TransientErpException transientFailure
                && transientFailure.retryAfter().isPresent()) {
            Duration wait = transientFailure.retryAfter().get();
            Duration cap = ErpCallPolicy.MAX_RETRY_AFTER_IN_PROCESS;
            return (wait.compareTo(cap) > 0 ? cap : wait).toMillis();
        }
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
