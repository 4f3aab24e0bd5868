package dev.commercesync.runlocal.bench;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the null post-to-erp hands an order to "the ERP": the instant it reached the point where the real
 * post-to-erp calls the ERP (after reading the order state, before recording POSTED). The ceiling's latency ends
 * here; the real run's ends at the sandbox ERP's create. The two ERP round trips on the loopback (find by external
 * reference, create) are left out of the ceiling.
 */
final class NullErp {

    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();

    void arrived(String orderKey, Instant at) {
        arrivals.putIfAbsent(orderKey, at);
    }

    /** Order key → when it arrived; a live view. */
    Map<String, Instant> arrivals() {
        return arrivals;
    }
}
