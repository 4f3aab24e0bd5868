package dev.commercesync.runlocal.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * When a fixed rate counts as sustained, and the highest rate that was. Pure: the samples and counts come from a
 * step that has run.
 *
 * <p>A step at rate R is sustainable when all three hold:
 * <ol>
 *   <li>ingest accepted (202) every order sent;</li>
 *   <li>the backlog did not grow: the median of the backlog samples in the last third of the load window exceeds the
 *       median of the middle third by at most {@link #allowedGrowth(double) max(5, R)} messages: one second of orders
 *       arriving. Medians, because the batching windows make the backlog saw-tooth; the first third is left out as
 *       the ramp from an empty pipeline. A stage short of capacity by a share s piles up R × s messages a second on its
 *       queue (more when the holds pile up, one per SKU), so over a third of a 30 s window a shortfall of 10 % or more
 *       shows, over a longer window a smaller one. (Counting the growth in orders rather than in all of an order's
 *       messages is deliberate: a single slow stage piles up one message per order, and a bound of R × messages per
 *       order let a pipeline at half the rate pass in the smoke runs);</li>
 *   <li>every accepted order reached the ERP, and the queues emptied, within the drain time after the load stopped —
 *       so a slow leak the medians missed still fails the step, and the next step starts from an empty pipeline.</li>
 * </ol>
 * The sustainable rate is the highest rate of the ladder below which every step was sustainable (the ladder stops at
 * the first that is not). It is a lower bound with the ladder's granularity: the true limit lies between it and the
 * next rung.
 */
public final class SustainableRate {

    /** Below this many messages of growth the backlog is noise (a batch in flight). */
    static final long MIN_ALLOWED_GROWTH = 5;

    private SustainableRate() {
    }

    /**
     * @param sustainable whether the step held the rate
     * @param growth      last-third median minus middle-third median of the backlog, in messages
     * @param reason      why not, or "sustained"
     */
    public record Verdict(boolean sustainable, long growth, String reason) {
    }

    /** One measured rung: its rate and verdict. */
    public record Rung(double rate, boolean sustainable) {
    }

    /**
     * @param rate              orders per second the step sent at
     * @param backlogDuringLoad the backlog sampled once a second during the load window, in time order
     * @param sent              orders sent
     * @param accepted          orders ingest answered 202 for
     * @param delivered         accepted orders that reached the ERP before the drain time ran out
     * @param queuesEmptied     whether every queue was empty by then
     */
    public static Verdict judge(double rate, List<Long> backlogDuringLoad, long sent, long accepted, long delivered,
                                boolean queuesEmptied) {
        long growth = growth(backlogDuringLoad);
        long allowed = allowedGrowth(rate);
        List<String> why = new ArrayList<>();
        if (accepted < sent) {
            why.add((sent - accepted) + " of " + sent + " orders not accepted by ingest");
        }
        if (growth > allowed) {
            why.add("backlog grew by " + growth + " messages over the last third (allowed " + allowed + ")");
        }
        if (delivered < accepted) {
            why.add((accepted - delivered) + " of " + accepted + " orders not in the ERP by the end of the drain");
        } else if (!queuesEmptied) {
            why.add("queues not empty by the end of the drain");
        }
        return new Verdict(why.isEmpty(), growth, why.isEmpty() ? "sustained" : String.join("; ", why));
    }

    /** One second of orders arriving at {@code rate}, and never less than {@value #MIN_ALLOWED_GROWTH} messages. */
    public static long allowedGrowth(double rate) {
        return Math.max(MIN_ALLOWED_GROWTH, Math.round(rate));
    }

    /**
     * Median of the last third of the samples minus median of the middle third; 0 with fewer than three samples
     * (too short a window to tell).
     */
    public static long growth(List<Long> samples) {
        int third = samples.size() / 3;
        if (third == 0) {
            return 0;
        }
        long middle = median(samples.subList(samples.size() - 2 * third, samples.size() - third));
        long last = median(samples.subList(samples.size() - third, samples.size()));
        return last - middle;
    }

    /** The highest rate with every rung up to it sustainable; empty when even the lowest was not. */
    public static OptionalDouble highest(List<Rung> rungs) {
        OptionalDouble highest = OptionalDouble.empty();
        for (Rung rung : rungs.stream().sorted((a, b) -> Double.compare(a.rate(), b.rate())).toList()) {
            if (!rung.sustainable()) {
                break;
            }
            highest = OptionalDouble.of(rung.rate());
        }
        return highest;
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
