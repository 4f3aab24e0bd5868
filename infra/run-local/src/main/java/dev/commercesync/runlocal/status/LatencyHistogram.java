package dev.commercesync.runlocal.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Order → ERP latency of the posted orders, from their timelines: the first {@code RECEIVED} of the version that was
 * posted (same intake correlation id) to its {@code POSTED}. The same span post-to-erp reports as
 * {@code OrderToErpLatency}, read back from what the table holds.
 *
 * @param measured posted orders whose timeline gave a latency
 * @param maxMs    the slowest, 0 when none
 */
public record LatencyHistogram(List<Bucket> buckets, long measured, long maxMs) {

    /** Upper bounds (exclusive) of the buckets but the last, in milliseconds. */
    private static final long[] BOUNDS_MS = {1_000, 2_000, 5_000, 10_000, 30_000, 60_000};
    private static final String[] KEYS = {"0-1s", "1-2s", "2-5s", "5-10s", "10-30s", "30-60s", "60s-"};
    private static final String[] LABELS = {"< 1 s", "1–2 s", "2–5 s", "5–10 s", "10–30 s", "30–60 s", "≥ 60 s"};

    /** @param key stable, for element ids: {@code 0-1s} … {@code 60s-} */
    public record Bucket(String key, String label, long count) {
    }

    public static LatencyHistogram of(List<OrderRow> orders) {
        long[] counts = new long[KEYS.length];
        long measured = 0;
        long max = 0;
        for (OrderRow order : orders) {
            Optional<Duration> latency = orderToErp(order);
            if (latency.isEmpty()) {
                continue;
            }
            long ms = latency.get().toMillis();
            counts[bucketOf(ms)]++;
            measured++;
            max = Math.max(max, ms);
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < KEYS.length; i++) {
            buckets.add(new Bucket(KEYS[i], LABELS[i], counts[i]));
        }
        return new LatencyHistogram(List.copyOf(buckets), measured, max);
    }

    /** Empty unless the order is POSTED and its timeline has the RECEIVED of the posted intake. */
    public static Optional<Duration> orderToErp(OrderRow order) {
        if (!"POSTED".equals(order.status())) {
            return Optional.empty();
        }
        OrderRow.Step posted = null;
        for (OrderRow.Step step : order.timeline()) {
            if ("POSTED".equals(step.step()) && step.at() != null) {
                posted = step;
            }
        }
        if (posted == null) {
            return Optional.empty();
        }
        String intake = posted.correlationId() != null ? posted.correlationId() : order.correlationId();
        for (OrderRow.Step step : order.timeline()) {
            if ("RECEIVED".equals(step.step()) && step.at() != null && intake != null
                    && intake.equals(step.correlationId())) {
                Duration latency = Duration.between(step.at(), posted.at());
                return Optional.of(latency.isNegative() ? Duration.ZERO : latency);
            }
        }
        return Optional.empty();
    }

    static int bucketOf(long ms) {
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (ms < BOUNDS_MS[i]) {
                return i;
            }
        }
        return BOUNDS_MS.length;
    }
}
