package dev.commercesync.runlocal.coldstart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code ./run-local coldstart} measured, and its summary: per function and JVM configuration the
 * median, minimum and maximum of the measured runs whose first event was answered as expected. Plain data, written
 * as JSON as it is; {@link #table()} renders the summary as Markdown for BENCHMARKS.md.
 *
 * @param machine  the machine it ran on (processors, memory, OS), for the report's header
 * @param setups   the JVM configurations, each with its exact Java version
 * @param samples  every cold start, training runs included ({@link ColdStartSample#run()} 0)
 * @param archives the class-data archives the training runs wrote
 * @param packages the deployment packages
 */
public record ColdStartReport(String machine, List<JvmSetup> setups, List<ColdStartSample> samples,
                              List<ArchiveFile> archives, List<FunctionPackage> packages) {

    /** A class-data archive a training run wrote: AppCDS {@code .jsa} or AOT cache {@code .aot}. */
    public record ArchiveFile(String function, String setup, String path, long bytes) {
    }

    /**
     * One function in one configuration.
     *
     * @param baselineRatio this configuration's median spawn → first response over the same function's
     *                      {@code JDK 17} median; null without that baseline
     * @param archiveBytes  the size of the archive the configuration starts from; null without one
     * @param failed        measured runs whose first event was not answered as expected, left out of the figures
     */
    public record Row(String function, String setup, Spread firstResponseMs, Spread initMs, Spread rssMib,
                      Spread anonMib, Double baselineRatio, Long archiveBytes, int failed,
                      String event) {
    }

    public ColdStartReport {
        setups = List.copyOf(setups);
        samples = List.copyOf(samples);
        archives = List.copyOf(archives);
        packages = List.copyOf(packages);
    }

    /** Function by function (in the order measured), each configuration in the order given. */
    public List<Row> rows() {
        Set<String> functions = new LinkedHashSet<>();
        samples.forEach(s -> functions.add(s.function()));
        List<Row> rows = new ArrayList<>();
        for (String function : functions) {
            Optional<Double> baseline = okRuns(function, "JDK 17").isEmpty() ? Optional.empty()
                    : Optional.of(Spread.of(okRuns(function, "JDK 17").stream()
                    .map(ColdStartSample::firstResponseMs).toList()).median());
            for (JvmSetup setup : setups) {
                List<ColdStartSample> measured = samples.stream()
                        .filter(s -> s.function().equals(function) && s.setup().equals(setup.label())
                                && s.measured()).toList();
                if (measured.isEmpty()) {
                    continue;
                }
                List<ColdStartSample> ok = okRuns(function, setup.label());
                Spread first = Spread.of(ok.stream().map(ColdStartSample::firstResponseMs).toList());
                Optional<Double> ratio = baseline.filter(b -> b > 0 && !ok.isEmpty()).map(b -> first.median() / b);
                Optional<Long> archive = archives.stream()
                        .filter(a -> a.function().equals(function) && a.setup().equals(setup.label()))
                        .map(ArchiveFile::bytes).findFirst();
                rows.add(new Row(function, setup.label(), first,
                        Spread.of(ok.stream().map(ColdStartSample::initMs).toList()),
                        Spread.of(ok.stream().filter(s -> s.memory() != null)
                                .map(s -> s.memory().rssKib() / 1024.0).toList()),
                        Spread.of(ok.stream().filter(s -> s.memory() != null)
                                .map(s -> s.memory().anonKib() / 1024.0).toList()),
                        ratio.orElse(null), archive.orElse(null), measured.size() - ok.size(), measured.get(0).event()));
            }
        }
        return rows;
    }

    /** The summary and the packages, as Markdown tables. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("machine: ").append(machine).append('\n');
        setups.forEach(s -> out.append("  ").append(s.label()).append(": Java ").append(s.version()).append(" (")
                .append(s.javaHome()).append(")\n"));
        out.append('\n');
        out.append("| function | JVM | spawn → first response, ms: median (min–max) | init, ms | ÷ JDK 17 "
                + "| VmRSS after, MiB: median (min–max) | of it anon, MiB | archive, MB | runs ok/failed |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            out.append("| ").append(row.function())
                    .append(" | ").append(row.setup())
                    .append(" | ").append(spread(row.firstResponseMs(), "%.0f"))
                    .append(" | ").append(format("%.0f", row.initMs().median()))
                    .append(" | ").append(Optional.ofNullable(row.baselineRatio()).map(r -> format("%.2f×", r)).orElse("–"))
                    .append(" | ").append(spread(row.rssMib(), "%.0f"))
                    .append(" | ").append(format("%.0f", row.anonMib().median()))
                    .append(" | ").append(Optional.ofNullable(row.archiveBytes()).map(b -> format("%.1f", b / 1e6)).orElse("–"))
                    .append(" | ").append(row.firstResponseMs().count()).append('/').append(row.failed())
                    .append(" |\n");
        }
        out.append('\n');
        Map<String, String> events = new LinkedHashMap<>();
        rows().forEach(r -> events.putIfAbsent(r.function(), r.event()));
        out.append("first events: ");
        List<String> described = new ArrayList<>();
        events.forEach((function, event) -> described.add(function + " ← " + event));
        out.append(String.join("; ", described)).append("\n\n");
        out.append("| package | function.zip, MB | unpacked, MB | jars | biggest entries (uncompressed MB) |\n");
        out.append("|---|---|---|---|---|\n");
        Set<String> seen = new LinkedHashSet<>();
        for (FunctionPackage p : packages) {
            if (!seen.add(p.zip())) {
                continue;
            }
            List<String> biggest = p.biggest().stream()
                    .map(e -> e.name().replaceFirst("^lib/", "") + " " + format("%.1f", e.bytes() / 1e6)).toList();
            out.append("| ").append(p.zip())
                    .append(" | ").append(format("%.1f", p.zipBytes() / 1e6))
                    .append(" | ").append(format("%.1f", p.unpackedBytes() / 1e6))
                    .append(" | ").append(p.jars())
                    .append(" | ").append(String.join(", ", biggest))
                    .append(" |\n");
        }
        return out.toString();
    }

    private List<ColdStartSample> okRuns(String function, String setup) {
        return samples.stream().filter(s -> s.function().equals(function) && s.setup().equals(setup)
                && s.measured() && s.ok()).toList();
    }

    private static String spread(Spread spread, String number) {
        if (spread.count() == 0) {
            return "–";
        }
        return format(number, spread.median()) + " (" + format(number, spread.min()) + "–"
                + format(number, spread.max()) + ")";
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
