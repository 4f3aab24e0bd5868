package dev.commercesync.runlocal.peak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One CloudWatch alarm of the template, as CloudWatch would judge it against a series of samples: statistic
 * {@code Maximum} over {@link #period()}, breaching when that maximum compares to {@link #threshold()} as
 * {@link #comparison()} says, in ALARM once the last {@link #evaluationPeriods()} periods all breach.
 * <p>
 * The periods slide with each sample (CloudWatch evaluates an alarm about once a minute over the latest periods),
 * so the alarm is dated at the first sample that completes the breach, not at a period boundary. A period without
 * samples does not breach (every alarm of the template treats missing data as not breaching or ignores it). Back to
 * OK at the first later sample whose latest period holds no breaching sample. Only {@code Maximum}: it is the
 * statistic of every queue and watchdog alarm in the template.
 *
 * @param name              the alarm's logical id in the template
 * @param metric            what is compared, e.g. {@code AWS/SQS ApproximateAgeOfOldestMessage ErpPostingQueue}
 * @param comparison        CloudWatch's ComparisonOperator
 * @param threshold         the template's (or the parameter's) threshold, in the metric's unit
 * @param period            the alarm's Period
 * @param evaluationPeriods the alarm's EvaluationPeriods (DatapointsToAlarm equal to it, the default)
 */
public record AlarmRule(String name, String metric, Comparison comparison, double threshold, Duration period,
                        int evaluationPeriods) {

    /** CloudWatch's four static comparison operators. */
    public enum Comparison {
        GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold;

        boolean breaches(double value, double threshold) {
            return switch (this) {
                case GreaterThanThreshold -> value > threshold;
                case GreaterThanOrEqualToThreshold -> value >= threshold;
                case LessThanThreshold -> value < threshold;
                case LessThanOrEqualToThreshold -> value <= threshold;
            };
        }
    }

    /** One observation of the alarm's metric. */
    public record Sample(Instant at, double value) {
        public Sample {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * What the alarm would have done over the samples.
     *
     * @param firstBreach the first sample beyond the threshold, if any
     * @param alarmAt     when the alarm would have gone to ALARM, if it would
     * @param okAt        when it would have gone back to OK after that; empty if it was still in ALARM at the end
     * @param peak        the highest value seen (the metric's worst, for a greater-than alarm)
     */
    public record Verdict(AlarmRule rule, Optional<Instant> firstBreach, Optional<Instant> alarmAt,
                          Optional<Instant> okAt, double peak) {

        public boolean fired() {
            return alarmAt.isPresent();
        }
    }

    public AlarmRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(period, "period");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("an alarm's period must be positive: " + period);
        }
        if (evaluationPeriods < 1) {
            throw new IllegalArgumentException("an alarm needs at least one evaluation period: " + evaluationPeriods);
        }
    }

    /** @param samples in time order */
    public Verdict evaluate(List<Sample> samples) {
        Optional<Instant> firstBreach = samples.stream()
                .filter(s -> comparison.breaches(s.value(), threshold)).map(Sample::at).findFirst();
        double peak = samples.stream().mapToDouble(Sample::value).max().orElse(Double.NaN);
        Instant alarmAt = null;
        Instant okAt = null;
        for (Sample sample : samples) {
            Instant now = sample.at();
            if (alarmAt == null) {
                if (allPeriodsBreach(samples, now)) {
                    alarmAt = now;
                }
            } else if (!periodBreaches(samples, now.minus(period), now)) {
                okAt = now;
                break;
            }
        }
        return new Verdict(this, firstBreach, Optional.ofNullable(alarmAt), Optional.ofNullable(okAt), peak);
    }

    private boolean allPeriodsBreach(List<Sample> samples, Instant now) {
        for (int k = 0; k < evaluationPeriods; k++) {
            Instant end = now.minus(period.multipliedBy(k));
            if (!periodBreaches(samples, end.minus(period), end)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the Maximum of the samples in (from, to] breaches; a period without samples does not. */
    private boolean periodBreaches(List<Sample> samples, Instant from, Instant to) {
        List<Double> inPeriod = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.at().isAfter(from) && !sample.at().isAfter(to)) {
                inPeriod.add(sample.value());
            }
        }
        return !inPeriod.isEmpty()
                && comparison.breaches(inPeriod.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                threshold);
    }
}
