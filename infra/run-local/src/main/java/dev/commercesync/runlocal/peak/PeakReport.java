package dev.commercesync.runlocal.peak;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ERP-bound peak as the demo saw it: the sandbox ERP took at most {@link #erpMaxOrdersPerSecond()} orders a
 * second while the feed came faster, so the pipeline queued. How far the backlog grew, which of the template's alarms
 * would have fired and when, and how long the pipeline took to drain once the feed ended. Times are seconds after the
 * first delivery was posted.
 *
 * @param erpMaxOrdersPerSecond     the sandbox ERP's cap on creates and updates
 * @param erpCapRefusals            calls the cap answered 429 (each one retried by post-to-erp, never recorded)
 * @param feedSeconds               first delivery → last delivery posted
 * @param maxBacklog                most messages visible or in flight on the order queues at one sample
 * @param maxBacklogAtSeconds       when that was
 * @param maxWaitingForErpSeconds   longest an order waited {@code PENDING_ERP} at any sample
 * @param drainSeconds              last delivery → every queue empty (and quiet)
 * @param lastErpDocumentSeconds    last delivery → the ERP's last document created
 * @param alarms                    the template alarms watched, with what they would have done
 * @param alarmsNotWatched          the template's other alarms (no local source for their metric)
 * @param timeline                  the backlog over time, a row every few seconds
 */
@JsonPropertyOrder({"erpMaxOrdersPerSecond", "erpCapRefusals", "feedSeconds", "maxBacklog", "maxBacklogAtSeconds",
        "maxWaitingForErpSeconds", "drainSeconds", "lastErpDocumentSeconds", "alarms", "alarmsNotWatched", "timeline"})
public record PeakReport(int erpMaxOrdersPerSecond, long erpCapRefusals, double feedSeconds, long maxBacklog,
                         double maxBacklogAtSeconds, double maxWaitingForErpSeconds, double drainSeconds,
                         double lastErpDocumentSeconds, List<AlarmLine> alarms, List<String> alarmsNotWatched,
                         List<TimelineRow> timeline) {

    /** Rows in the printed timeline, about; the JSON has the same rows. */
    static final int TIMELINE_ROWS = 24;

    /**
     * @param firstBreachSeconds first sample beyond the threshold; null if none
     * @param alarmSeconds       ALARM from; null if it never fired
     * @param okSeconds          OK again from; null if it never fired or was still in ALARM at the end
     * @param peak               the highest value sampled
     */
    @JsonPropertyOrder({"name", "metric", "comparison", "threshold", "periodSeconds", "evaluationPeriods",
            "firstBreachSeconds", "alarmSeconds", "okSeconds", "peak"})
    public record AlarmLine(String name, String metric, String comparison, double threshold, long periodSeconds,
                            int evaluationPeriods, Double firstBreachSeconds, Double alarmSeconds, Double okSeconds,
                            double peak) {
    }

    /**
     * @param backlog               visible + in flight per order queue that ever held a message
     * @param waitingForErpSeconds  the oldest {@code PENDING_ERP} order's wait; null when none waited
     * @param inAlarm               the watched alarms in ALARM at that moment
     */
    @JsonPropertyOrder({"atSeconds", "backlog", "waitingForErpSeconds", "erpDocuments", "inAlarm"})
    public record TimelineRow(double atSeconds, Map<String, Long> backlog, Double waitingForErpSeconds,
                              long erpDocuments, List<String> inAlarm) {
    }

    /**
     * @param samples     in time order, one a second or so, from before the first delivery until the drain
     * @param orderQueues the work queues whose backlog counts (DLQs and inventory queues left out)
     */
    public static PeakReport of(int erpMaxOrdersPerSecond, long erpCapRefusals, List<PeakSample> samples,
                                List<String> orderQueues, TemplateAlarms.Reading alarms, Instant feedStarted,
                                Instant feedEnded, Instant drained, Instant lastErpDocument) {
        long maxBacklog = 0;
        Instant maxBacklogAt = feedStarted;
        double maxWaiting = 0;
        for (PeakSample sample : samples) {
            long backlog = orderQueues.stream().mapToLong(sample::backlog).sum();
            if (backlog > maxBacklog) {
                maxBacklog = backlog;
                maxBacklogAt = sample.at();
            }
            maxWaiting = Math.max(maxWaiting, sample.oldestWaitingForErp().map(PeakReport::seconds).orElse(0.0));
        }
        List<AlarmRule.Verdict> verdicts = alarms.watched().stream().map(a -> a.evaluate(samples)).toList();
        List<AlarmLine> lines = verdicts.stream().map(v -> new AlarmLine(v.rule().name(), v.rule().metric(),
                v.rule().comparison().name(), v.rule().threshold(), v.rule().period().toSeconds(),
                v.rule().evaluationPeriods(), since(feedStarted, v.firstBreach()), since(feedStarted, v.alarmAt()),
                since(feedStarted, v.okAt()), v.peak())).toList();
        return new PeakReport(erpMaxOrdersPerSecond, erpCapRefusals, seconds(feedStarted, feedEnded), maxBacklog,
                seconds(feedStarted, maxBacklogAt), maxWaiting, seconds(feedEnded, drained),
                seconds(feedEnded, lastErpDocument), lines, alarms.notWatched(),
                timeline(samples, orderQueues, verdicts, feedStarted));
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ERP-bound peak: the ERP takes at most %d orders/s (%d calls answered "
                + "429 and retried)%n", erpMaxOrdersPerSecond, erpCapRefusals));
        List<String> queues = timeline.isEmpty() ? List.of() : List.copyOf(timeline.get(0).backlog().keySet());
        out.append(String.format(Locale.ROOT, "  %7s", "t (s)"));
        queues.forEach(q -> out.append(String.format(Locale.ROOT, " %20s", q)));
        out.append(String.format(Locale.ROOT, " %16s %8s  %s%n", "oldest wait (s)", "in ERP", "alarms in ALARM"));
        for (TimelineRow row : timeline) {
            out.append(String.format(Locale.ROOT, "  %7.0f", row.atSeconds()));
            queues.forEach(q -> out.append(String.format(Locale.ROOT, " %20d", row.backlog().getOrDefault(q, 0L))));
            out.append(String.format(Locale.ROOT, " %16s %8d  %s%n", row.waitingForErpSeconds() == null ? "–"
                    : String.format(Locale.ROOT, "%.0f", row.waitingForErpSeconds()), row.erpDocuments(),
                    String.join(", ", row.inAlarm())));
        }
        out.append(String.format(Locale.ROOT, "  backlog peaked at %d messages (t = %.0f s); the oldest order waited "
                + "up to %.0f s for the ERP%n", maxBacklog, maxBacklogAtSeconds, maxWaitingForErpSeconds));
        out.append(String.format(Locale.ROOT, "  feed %.0f s; after its last delivery: last ERP document +%.0f s, "
                + "queues empty +%.0f s%n", feedSeconds, lastErpDocumentSeconds, drainSeconds));
        out.append("  template alarms (thresholds as deployed with this run's parameters):\n");
        for (AlarmLine alarm : alarms) {
            out.append(String.format(Locale.ROOT, "    %-32s %s %s %s (Maximum, %d s × %d): %s%n", alarm.name(),
                    alarm.metric(), symbol(alarm.comparison()), number(alarm.threshold()), alarm.periodSeconds(),
                    alarm.evaluationPeriods(), outcome(alarm)));
        }
        if (!alarmsNotWatched.isEmpty()) {
            out.append("    not watched locally: ").append(String.join(", ", alarmsNotWatched)).append('\n');
        }
        return out.toString();
    }

    private static String outcome(AlarmLine alarm) {
        if (alarm.alarmSeconds() == null) {
            return "stays OK (peak " + number(alarm.peak()) + ")";
        }
        return String.format(Locale.ROOT, "ALARM at t = %.0f s, %s (peak %s)", alarm.alarmSeconds(),
                alarm.okSeconds() == null ? "still in ALARM when sampling ended (OK needs a whole "
                        + alarm.periodSeconds() + " s period without a breach)"
                        : String.format(Locale.ROOT, "OK again at t = %.0f s", alarm.okSeconds()),
                number(alarm.peak()));
    }

    private static String symbol(String comparison) {
        return switch (AlarmRule.Comparison.valueOf(comparison)) {
            case GreaterThanThreshold -> ">";
            case GreaterThanOrEqualToThreshold -> "≥";
            case LessThanThreshold -> "<";
            case LessThanOrEqualToThreshold -> "≤";
        };
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "–" : value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static List<TimelineRow> timeline(List<PeakSample> samples, List<String> orderQueues,
                                              List<AlarmRule.Verdict> verdicts, Instant feedStarted) {
        List<String> shown = orderQueues.stream()
                .filter(q -> samples.stream().anyMatch(s -> s.backlog(q) > 0)).toList();
        List<TimelineRow> rows = new ArrayList<>();
        if (samples.isEmpty()) {
            return rows;
        }
        double span = seconds(samples.get(0).at(), samples.get(samples.size() - 1).at());
        double step = Math.max(5, Math.ceil(span / TIMELINE_ROWS));
        double nextRow = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < samples.size(); i++) {
            PeakSample sample = samples.get(i);
            double at = seconds(feedStarted, sample.at());
            if (at < nextRow && i < samples.size() - 1) {
                continue;
            }
            nextRow = at + step;
            Map<String, Long> backlog = new LinkedHashMap<>();
            shown.forEach(q -> backlog.put(q, sample.backlog(q)));
            List<String> inAlarm = verdicts.stream().filter(v -> inAlarm(v, sample.at()))
                    .map(v -> v.rule().name()).toList();
            rows.add(new TimelineRow(Math.rint(at), backlog,
                    sample.oldestWaitingForErp().map(PeakReport::seconds).orElse(null), sample.erpDocuments(),
                    inAlarm));
        }
        return rows;
    }

    private static boolean inAlarm(AlarmRule.Verdict verdict, Instant at) {
        return verdict.alarmAt().map(from -> !at.isBefore(from)).orElse(false)
                && verdict.okAt().map(at::isBefore).orElse(true);
    }

    private static Double since(Instant origin, Optional<Instant> instant) {
        return instant.map(i -> seconds(origin, i)).orElse(null);
    }

    private static double seconds(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
