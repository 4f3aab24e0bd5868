package dev.commercesync.runlocal.erp;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, call by call, which of the current {@link SandboxErpFaults} strike; the order and the exact answers are
 * documented there. One seeded random draws jitter, errors and drops, so a seed and a call sequence repeat.
 */
final class InjectedFaults {

    private final ObjectMapper json;
    private final Clock clock;
    private final Random random;
    private final CallCounters counters;
    private volatile SandboxErpFaults current;

    private final PerSecondWindow calls = new PerSecondWindow();
    private final PerSecondWindow orderWrites = new PerSecondWindow();

    InjectedFaults(ObjectMapper json, Clock clock, long seed, CallCounters counters, SandboxErpFaults initial) {
        this.json = json;
        this.clock = clock;
        this.random = new Random(seed);
        this.counters = counters;
        this.current = initial;
    }

    SandboxErpFaults current() {
        return current;
    }

    void set(SandboxErpFaults faults) {
        this.current = faults;
    }

    /** How long to hold this call before answering: the fixed latency plus its drawn jitter. */
    Duration latency() {
        SandboxErpFaults faults = current;
        Duration latency = faults.addedLatency();
        long jitterNanos = faults.latencyJitter().toNanos();
        if (jitterNanos > 0) {
            latency = latency.plusNanos((long) (draw() * jitterNanos));
        }
        if (!latency.isZero()) {
            counters.fault(FaultKind.ADDED_LATENCY);
        }
        return latency;
    }

    /**
     * The fault answer for this call, if the outage, the rate limit, the order cap or the error rate strikes it.
     *
     * @param orderWrite whether the call creates or updates a sales order (what {@link
     *                   SandboxErpFaults#maxOrdersPerSecond()} counts)
     */
    Optional<Answer> refusal(boolean orderWrite) {
        SandboxErpFaults faults = current;
        Instant now = clock.instant();
        if (faults.outage() != null && faults.outage().covers(now)) {
            counters.fault(FaultKind.OUTAGE);
            long seconds = Math.max(1, (Duration.between(now, faults.outage().until()).toMillis() + 999) / 1000);
            return Optional.of(Answer.problem(json, 503, "unavailable", "ERP unavailable",
                    "The ERP is down for maintenance until " + faults.outage().until(), null)
                    .withHeader("Retry-After", Long.toString(seconds)));
        }
        if (faults.rateLimitPerSecond() > 0 && !calls.admit(now, faults.rateLimitPerSecond())) {
            counters.fault(FaultKind.RATE_LIMITED);
            return Optional.of(Answer.problem(json, 429, "rate-limited", "Too many requests",
                    "At most " + faults.rateLimitPerSecond() + " calls per second", null)
                    .withHeader("Retry-After", "1"));
        }
        if (orderWrite && faults.maxOrdersPerSecond() > 0 && !orderWrites.admit(now, faults.maxOrdersPerSecond())) {
            counters.fault(FaultKind.ORDER_CAP);
            // Whole seconds, as Retry-After carries them: the next window opens within one.
            return Optional.of(Answer.problem(json, 429, "throughput-exceeded", "ERP at capacity",
                    "The ERP takes at most " + faults.maxOrdersPerSecond() + " sales orders per second", null)
                    .withHeader("Retry-After", "1"));
        }
        if (faults.errorRate() > 0 && draw() < faults.errorRate()) {
            counters.fault(FaultKind.SERVER_ERROR);
            return Optional.of(Answer.problem(json, 503, "unavailable", "ERP overloaded",
                    "The ERP could not take the call; try again", null));
        }
        return Optional.empty();
    }

    /** Whether the response to a create that just committed is lost. */
    boolean dropCreateResponse() {
        double rate = current.dropResponseAfterCreate();
        if (rate > 0 && draw() < rate) {
            counters.fault(FaultKind.RESPONSE_DROPPED);
            return true;
        }
        return false;
    }


    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }
}
