package dev.commercesync.runlocal;

import java.util.List;

/** Nearest-rank percentiles of measured durations (the demo's and the benchmark's). */
public final class Percentile {

    private Percentile() {
    }

    public static DemoSummary.Percentiles of(List<Long> values) {
        if (values.isEmpty()) {
            return new DemoSummary.Percentiles(0, 0, 0);
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return new DemoSummary.Percentiles(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99));
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
