package dev.commercesync.erp.rest;

import dev.commercesync.erp.ErpOutcomeUnknownException;
import dev.commercesync.erp.TransientErpException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The fault-tolerance policy of every ERP call, in one place because three parties must agree on it: the annotations
 * on {@link RestErpGateway}, {@link ErpRetryBackoff} and the posting service, which holds postings back for the
 * breaker's delay. The values are sized for one post-to-erp invocation (60 s for a batch of up to 5 postings): a
 * few quick retries in-process, everything longer is left to the queue, and once the breaker is open the rest of a
 * batch costs no time at all. A batch that meets a hanging ERP before the breaker opens can still outlive the
 * invocation; that is safe (every posting looks the order up before creating it) but costs the whole batch a receive.
 * <p>
 * Retry, timeout and breaker values can be tuned per environment through
 * {@code quarkus.fault-tolerance."dev.commercesync.erp.rest.RestErpGateway".<strategy>.<property>} (the test profile
 * does); the breaker delay must stay {@link #CIRCUIT_BREAKER_DELAY_S}, or postings are held back for the wrong time.
 */
public final class ErpCallPolicy {

    /** Hard stop of one call, body included; above {@link ErpConfig#requestTimeout()}. */
    public static final long HARD_TIMEOUT_MS = 8_000;

    /** Retries after the first attempt. */
    public static final int MAX_RETRIES = 3;
    /** First backoff before jitter; doubles per retry up to {@link #MAX_BACKOFF_FACTOR} times this. */
    public static final long INITIAL_BACKOFF_MS = 200;
    /** The backoff stops growing at this multiple of the first one. */
    public static final int MAX_BACKOFF_FACTOR = 8;
    /** No retry starts after this long; what is left goes back to the queue. */
    public static final long MAX_RETRY_DURATION_MS = 10_000;
    /**
     * The longest {@code Retry-After} waited for in-process. A longer one is not waited out while the invocation's
     * clock runs: the posting goes back to its queue, hidden for that long.
     */
    public static final Duration MAX_RETRY_AFTER_IN_PROCESS = Duration.ofSeconds(5);

    /** Calls in the breaker's rolling window (each retry attempt is one call). */
    public static final int CIRCUIT_BREAKER_WINDOW = 20;
    public static final double CIRCUIT_BREAKER_FAILURE_RATIO = 0.5;
    /** How long an open breaker refuses calls before it lets a probe through. */
    public static final long CIRCUIT_BREAKER_DELAY_S = 30;
    /** Probes that must succeed to close it again. */
    public static final int CIRCUIT_BREAKER_SUCCESS_THRESHOLD = 2;

    /**
     * Each gateway method has its own breaker; the names let {@link ErpCircuitStateMetrics} follow their states
     * ({@code @CircuitBreakerName} on the methods of {@link RestErpGateway}).
     */
    public static final String FIND_BREAKER = "erp-find";
    public static final String CREATE_BREAKER = "erp-create";
    public static final String UPDATE_BREAKER = "erp-update";
    public static final List<String> BREAKERS = List.of(FIND_BREAKER, CREATE_BREAKER, UPDATE_BREAKER);

    private ErpCallPolicy() {
    }

    public static Duration circuitBreakerDelay() {
        return Duration.ofSeconds(CIRCUIT_BREAKER_DELAY_S);
    }

    /**
     * Which failures are retried in-process: transient ones only, and of those neither a create whose outcome is
     * unknown (repeating it could create the order twice; the next attempt looks it up instead) nor a
     * {@code Retry-After} longer than one invocation should wait.
     */
    @RegisterForReflection
    public static final class RetryNow implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable failure) {
            if (!(failure instanceof TransientErpException transientFailure)
                    || failure instanceof ErpOutcomeUnknownException) {
                return false;
            }
            return transientFailure.retryAfter()
                    .map(wait -> wait.compareTo(MAX_RETRY_AFTER_IN_PROCESS) <= 0)
                    .orElse(true);
        }
    }
}
