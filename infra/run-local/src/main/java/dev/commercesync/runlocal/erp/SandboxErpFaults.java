package dev.commercesync.runlocal.erp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the sandbox ERP does wrong on purpose, so the pipeline's retries, backoff, circuit breaker and look-first
 * creates can be watched at work. Faults apply to the contract's calls ({@code /sales-orders...}) only, never to the
 * sandbox's own {@code /sandbox/erp/...} endpoints, and are checked in this order:
 * <ol>
 *   <li>{@link #addedLatency()} plus up to {@link #latencyJitter()} before anything is answered, faults included;</li>
 *   <li>{@link #outage()}: while it lasts every call answers 503 with {@code Retry-After} = whole seconds until it
 *   ends (at least 1). An answer rather than a refused connection, so the caller's {@code Retry-After} handling is
 *   exercised too; a refused connection is what {@link SandboxErp#close()} gives;</li>
 *   <li>{@link #rateLimitPerSecond()}: calls beyond that many in the same clock second answer 429 with
 *   {@code Retry-After: 1}; calls refused by the outage do not count;</li>
 *   <li>{@link #maxOrdersPerSecond()}: the ERP's own throughput, the usual bottleneck of an order pipeline. Creates
 *   and updates beyond that many in the same clock second answer 429 with {@code Retry-After: 1}; lookups pass, as
 *   reads cost an ERP little next to posting a sales order;</li>
 *   <li>{@link #errorRate()}: that share of the remaining calls answers 503 without {@code Retry-After}, as an
 *   overloaded ERP does;</li>
 *   <li>{@link #dropResponseAfterCreate()}: that share of creates that did create a document (201) commit it and
 *   then close the connection without sending a byte, as when a response is lost on the way back. The caller sees
 *   an I/O error at once rather than after its timeout, which keeps demos and tests quick.</li>
 * </ol>
 * Every draw comes from the sandbox's one seeded random, so a given seed and call sequence inject the same faults.
 *
 * @param errorRate               share of calls (0..1) answered 503
 * @param addedLatency            added to every call
 * @param latencyJitter           up to this much more, drawn uniformly per call
 * @param outage                  the window in which the ERP is down, or null
 * @param dropResponseAfterCreate share of successful creates (0..1) whose response is lost
 * @param rateLimitPerSecond      calls admitted per clock second; 0 for no limit
 * @param maxOrdersPerSecond      sales-order creates and updates admitted per clock second; 0 for no cap
 */
public record SandboxErpFaults(double errorRate, Duration addedLatency, Duration latencyJitter, Outage outage,
                               double dropResponseAfterCreate, int rateLimitPerSecond, int maxOrdersPerSecond) {

    public SandboxErpFaults {
        requireShare(errorRate, "errorRate");
        requireShare(dropResponseAfterCreate, "dropResponseAfterCreate");
        addedLatency = requireNotNegative(addedLatency, "addedLatency");
        latencyJitter = requireNotNegative(latencyJitter, "latencyJitter");
        if (rateLimitPerSecond < 0) {
            throw new IllegalArgumentException("rateLimitPerSecond must be 0 (no limit) or more: " + rateLimitPerSecond);
        }
        if (maxOrdersPerSecond < 0) {
            throw new IllegalArgumentException("maxOrdersPerSecond must be 0 (no cap) or more: " + maxOrdersPerSecond);
        }
    }

    /** A well-behaved ERP. */
    public static SandboxErpFaults none() {
        return new SandboxErpFaults(0, Duration.ZERO, Duration.ZERO, null, 0, 0, 0);
    }

    public SandboxErpFaults withErrorRate(double rate) {
        return new SandboxErpFaults(rate, addedLatency, latencyJitter, outage, dropResponseAfterCreate,
                rateLimitPerSecond, maxOrdersPerSecond);
    }

    public SandboxErpFaults withAddedLatency(Duration fixed, Duration jitter) {
        return new SandboxErpFaults(errorRate, fixed, jitter, outage, dropResponseAfterCreate, rateLimitPerSecond,
                maxOrdersPerSecond);
    }

    /** @param window the outage, or null for none */
    public SandboxErpFaults withOutage(Outage window) {
        return new SandboxErpFaults(errorRate, addedLatency, latencyJitter, window, dropResponseAfterCreate,
                rateLimitPerSecond, maxOrdersPerSecond);
    }

    public SandboxErpFaults withDropResponseAfterCreate(double rate) {
        return new SandboxErpFaults(errorRate, addedLatency, latencyJitter, outage, rate, rateLimitPerSecond,
                maxOrdersPerSecond);
    }

    /** @param perSecond calls admitted per clock second; 0 for no limit */
    public SandboxErpFaults withRateLimitPerSecond(int perSecond) {
        return new SandboxErpFaults(errorRate, addedLatency, latencyJitter, outage, dropResponseAfterCreate,
                perSecond, maxOrdersPerSecond);
    }

    /** @param perSecond sales-order creates and updates admitted per clock second; 0 for no cap */
    public SandboxErpFaults withMaxOrdersPerSecond(int perSecond) {
        return new SandboxErpFaults(errorRate, addedLatency, latencyJitter, outage, dropResponseAfterCreate,
                rateLimitPerSecond, perSecond);
    }

    /**
     * The ERP is down from {@code from} (inclusive) until {@code until} (exclusive).
     */
    public record Outage(Instant from, Instant until) {

        public Outage {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(from)) {
                throw new IllegalArgumentException("an outage must end after it starts: " + from + " .. " + until);
            }
        }

        /** An outage starting at {@code from} and lasting {@code length}. */
        public static Outage lasting(Duration length, Instant from) {
            return new Outage(from, from.plus(length));
        }

        public boolean covers(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(until);
        }
    }

    private static void requireShare(double share, String name) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + share);
        }
    }

    private static Duration requireNotNegative(Duration duration, String name) {
        Duration value = duration == null ? Duration.ZERO : duration;
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
