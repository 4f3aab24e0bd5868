package dev.commercesync.runlocal.coldstart;

import java.util.List;

/**
 * Median, minimum and maximum of a few measurements. The median of an even count is the mean of the middle two:
 * with five or so runs per configuration the median is the figure to quote, the extremes show the noise.
 */
public record Spread(double median, double min, double max, int count) {

    public static Spread of(List<? extends Number> values) {
        if (values.isEmpty()) {
            return new Spread(0, 0, 0, 0);
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }
}
