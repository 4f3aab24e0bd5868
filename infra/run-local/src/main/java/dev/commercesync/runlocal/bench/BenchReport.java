package dev.commercesync.runlocal.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bench's result: both ladders, the ratio of the sustainable rates, the machine, and the call plan of the null
 * pipeline. Written as text tables and, on request, as JSON (this record).
 *
 * @param machine  processors, JDK, OS, as the JVM reports them
 * @param options  what was asked: rates, seconds per step, drain and warm-up seconds, template parameters, seed
 * @param runs     {@code ours} and/or {@code ceiling}
 * @param ratio    ours ÷ ceiling of the sustainable rates; null unless both were measured
 * @param meanSkusPerOrder distinct SKUs per order in the feed (the holds each order sends)
 * @param callPlan the null pipeline's calls per order
 */
public record BenchReport(Map<String, String> machine, Map<String, Object> options, List<RunResult> runs, Double ratio,
                          double meanSkusPerOrder, List<CallPlan.PlannedCall> callPlan) {

    /** The target of the issue for ours ÷ ceiling. */
    static final double TARGET_RATIO = 0.7;

    static BenchReport of(BenchOptions options, List<RunResult> runs, double meanSkusPerOrder) {
        Double ours = runs.stream().filter(r -> r.pipeline().equals("ours")).findFirst()
                .map(RunResult::sustainableRate).orElse(null);
        Double ceiling = runs.stream().filter(r -> r.pipeline().equals("ceiling")).findFirst()
                .map(RunResult::sustainableRate).orElse(null);
        Double ratio = ours != null && ceiling != null && ceiling > 0 ? ours / ceiling : null;
        Runtime runtime = Runtime.getRuntime();
        Map<String, String> machine = Map.of(
                "processors", Integer.toString(runtime.availableProcessors()),
                "jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("rates", options.rates());
        asked.put("durationSeconds", options.duration().toSeconds());
        asked.put("drainSeconds", options.drain().toSeconds());
        asked.put("warmUpSeconds", options.warmUp().toSeconds());
        asked.put("templateParameters", new TreeMap<>(options.templateParameters()));
        asked.put("seed", options.seed());
        return new BenchReport(machine, asked, runs, ratio, meanSkusPerOrder, CallPlan.ORDER_PATH);
    }

    static String stepLine(StepResult s) {
        return String.format(Locale.ROOT,
                "%5.1f/s  sent %d, accepted %d, at the ERP %d · latency p50 %s p95 %s p99 %s · ingest answer p99 %s · "
                        + "%.1f orders/s · backlog max %d, growth %+d · drained %s · %s",
                s.rate(), s.sent(), s.accepted(), s.delivered(), seconds(s.latencyMs().p50()),
                seconds(s.latencyMs().p95()), seconds(s.latencyMs().p99()), seconds(s.ingestAnswerMs().p99()),
                s.throughput(), s.backlogMax(),
                s.backlogGrowth(), s.drainSeconds() < 0 ? "no" : String.format(Locale.ROOT, "in %.1f s",
                        s.drainSeconds()), s.sustainable() ? "SUSTAINED" : "NOT SUSTAINED: " + s.verdict());
    }

    /** Both ladders side by side, then the ratio. */
    String table() {
        StringBuilder out = new StringBuilder();
        TreeSet<Double> rates = new TreeSet<>();
        runs.forEach(r -> r.steps().forEach(s -> rates.add(s.rate())));
        List<String> header = new ArrayList<>(List.of("rate/s"));
        for (RunResult run : runs) {
            header.add(run.pipeline() + " p50 / p95 / p99 (s)");
            header.add(run.pipeline() + " orders/s");
            header.add(run.pipeline() + " verdict");
        }
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append(" --- |".repeat(header.size())).append("\n");
        for (double rate : rates) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%.0f", rate)));
            for (RunResult run : runs) {
                StepResult s = run.at(rate);
                if (s == null) {
                    row.addAll(List.of("–", "–", "not run"));
                    continue;
                }
                row.add(seconds(s.latencyMs().p50()) + " / " + seconds(s.latencyMs().p95()) + " / "
                        + seconds(s.latencyMs().p99()));
                row.add(String.format(Locale.ROOT, "%.1f", s.throughput()));
                row.add(s.sustainable() ? "sustained" : "not: " + s.verdict());
            }
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n');
        for (RunResult run : runs) {
            out.append(String.format(Locale.ROOT, "sustainable rate, %s: %s (stack start %.0f s)%n", run.pipeline(),
                    run.sustainableRate() == null ? "below the lowest rate tried"
                            : "≥ " + fmt(run.sustainableRate()) + " orders/s" + next(run),
                    run.stackStartSeconds()));
        }
        if (ratio != null) {
            out.append(String.format(Locale.ROOT, "ours ÷ ceiling = %.2f (target ≥ %.1f: %s)%n", ratio, TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "met" : "not met"));
        }
        return out.toString();
    }

    /** The next rung up, where it failed: the true limit lies below it. */
    private String next(RunResult run) {
        StepResult last = run.steps().isEmpty() ? null : run.steps().get(run.steps().size() - 1);
        if (last != null && !last.sustainable()) {
            return ", < " + fmt(last.rate());
        }
        return " (the highest rate tried: raise --rates)";
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.format(Locale.ROOT, "%.0f", rate)
                : String.format(Locale.ROOT, "%.1f", rate);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }
}
