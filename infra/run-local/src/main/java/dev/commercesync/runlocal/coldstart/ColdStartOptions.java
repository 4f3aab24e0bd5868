package dev.commercesync.runlocal.coldstart;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.commercesync.runlocal.OptionValues.next;
import static dev.commercesync.runlocal.OptionValues.positiveInt;

/**
 * What {@code ./run-local coldstart} was asked to measure. Parsed by hand, in the style of {@code RunLocalOptions}.
 *
 * @param functions  the functions to start, as given ({@code map}, {@code post-to-erp}, {@code PostToErpFunction});
 *                   empty means every function in the template
 * @param runs       measured cold starts per function and configuration (a training run, when there is one, comes
 *                   on top)
 * @param jdks       which JVMs, in this order
 * @param caches     without and/or with a class-data cache, in this order
 * @param jdk17Home  the JDK 17 ({@code JAVA_HOME}); by default the JVM running this command
 * @param jdk25Home  the JDK 25
 */
public record ColdStartOptions(List<String> functions, int runs, List<Jdk> jdks, List<Cache> caches,
                               Optional<Path> json, Path jdk17Home, Path jdk25Home, boolean helpRequested) {

    /** The two JDKs the issue compares: 17 (our bytecode level) and 25 (the JDK AOT cache). */
    public enum Jdk {
        JDK_17(17), JDK_25(25);

        private final int feature;

        Jdk(int feature) {
            this.feature = feature;
        }

        public int feature() {
            return feature;
        }
    }

    /** Whether the JVM starts from a class-data archive trained on the same first event. */
    public enum Cache { NONE, ON }

    public static final int DEFAULT_RUNS = 5;
    public static final Path DEFAULT_JDK25_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    public ColdStartOptions {
        functions = List.copyOf(functions);
        jdks = List.copyOf(jdks);
        caches = List.copyOf(caches);
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1: " + runs);
        }
        if (jdks.isEmpty() || caches.isEmpty()) {
            throw new IllegalArgumentException("at least one JDK and one cache setting");
        }
    }

    public static ColdStartOptions defaults() {
        return new ColdStartOptions(List.of(), DEFAULT_RUNS, List.of(Jdk.JDK_17, Jdk.JDK_25),
                List.of(Cache.NONE, Cache.ON), Optional.empty(), Path.of(System.getProperty("java.home")),
                DEFAULT_JDK25_HOME, false);
    }

    public static ColdStartOptions parse(List<String> args) {
        return parse(args, defaults());
    }

    /** {@code args} applied over {@code o}; an unknown flag or a bad value is an {@link IllegalArgumentException}. */
    static ColdStartOptions parse(List<String> args, ColdStartOptions o) {
        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.removeFirst();
            int eq = flag.indexOf('=');
            String name = eq > 0 ? flag.substring(0, eq) : flag;
            if (name.equals("--help") || name.equals("-h")) {
                o = new ColdStartOptions(o.functions, o.runs, o.jdks, o.caches, o.json, o.jdk17Home, o.jdk25Home, true);
                continue;
            }
            String value = eq > 0 ? flag.substring(eq + 1) : next(rest, name);
            o = switch (name) {
                case "--functions" -> new ColdStartOptions(list(name, value), o.runs, o.jdks, o.caches, o.json,
                        o.jdk17Home, o.jdk25Home, o.helpRequested);
                case "--runs" -> new ColdStartOptions(o.functions, positiveInt(name, value), o.jdks, o.caches, o.json,
                        o.jdk17Home, o.jdk25Home, o.helpRequested);
                case "--jdk" -> new ColdStartOptions(o.functions, o.runs, jdks(value), o.caches, o.json, o.jdk17Home,
                        o.jdk25Home, o.helpRequested);
                case "--cache" -> new ColdStartOptions(o.functions, o.runs, o.jdks, caches(value), o.json,
                        o.jdk17Home, o.jdk25Home, o.helpRequested);
                case "--json" -> new ColdStartOptions(o.functions, o.runs, o.jdks, o.caches, Optional.of(Path.of(value)),
                        o.jdk17Home, o.jdk25Home, o.helpRequested);
                case "--jdk17-home" -> new ColdStartOptions(o.functions, o.runs, o.jdks, o.caches, o.json,
                        Path.of(value), o.jdk25Home, o.helpRequested);
                case "--jdk25-home" -> new ColdStartOptions(o.functions, o.runs, o.jdks, o.caches, o.json,
                        o.jdk17Home, Path.of(value), o.helpRequested);
                default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
            };
        }
        return o;
    }

    /**
     * Whether {@code logicalId} (as the template names it: {@code PostToErpFunction}) is one of the functions asked
     * for; {@code post-to-erp}, {@code PostToErp} and {@code posttoerpfunction} all name it.
     */
    public boolean selects(String logicalId) {
        return functions.isEmpty() || functions.stream().anyMatch(f -> simpleName(f).equals(simpleName(logicalId)));
    }

    /** Lower case, no dashes, no trailing {@code function}. */
    static String simpleName(String name) {
        String simple = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return simple.endsWith("function") ? simple.substring(0, simple.length() - "function".length()) : simple;
    }

    public static String usage() {
        return """
                ./run-local coldstart — cold start and resident memory per function, one function at a time.

                Starts the emulators, the sandbox ERP and marketplaces and the queues and tables from
                infra/template.yaml (no event source mappings run), then, for each JVM configuration and each run,
                spawns one execution environment per function from its function.zip, the way ./run-local does, and
                delivers its first event: a real order through the HTTP API to ingest, the message ingest queued to
                map, map's to dedupe, dedupe's to post-to-erp and publish-inventory, an order lookup to the operator
                API, the scheduler's {} to the watchdog and the drift repair. It reports process spawn → first
                response and VmRSS right after it (median, min, max).

                Options:
                  --functions a,b        functions to measure (ingest, map, dedupe, post-to-erp, publish-inventory,
                                         inventory-drift-repair, operator-api, watchdog; default all)
                  --runs N               measured runs per function and configuration (default %d)
                  --jdk 17|25|both       which JVMs (default both)
                  --cache none|on|both   without / with a class-data cache (JDK 17: AppCDS dynamic archive,
                                         JDK 25: AOT cache), written by one training run per function on the
                                         same kind of first event (default both)
                  --json FILE            also write every sample and the summary as JSON
                  --jdk17-home DIR       the JDK 17 (default: the JVM running this command)
                  --jdk25-home DIR       the JDK 25 (default %s)
                """.formatted(DEFAULT_RUNS, DEFAULT_JDK25_HOME);
    }

    private static List<String> list(String name, String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one function");
        }
        return items;
    }

    private static List<Jdk> jdks(String value) {
        return switch (value) {
            case "17" -> List.of(Jdk.JDK_17);
            case "25" -> List.of(Jdk.JDK_25);
            case "both" -> List.of(Jdk.JDK_17, Jdk.JDK_25);
            default -> throw new IllegalArgumentException("--jdk is 17, 25 or both: " + value);
        };
    }

    private static List<Cache> caches(String value) {
        return switch (value) {
            case "none" -> List.of(Cache.NONE);
            case "on" -> List.of(Cache.ON);
            case "both" -> List.of(Cache.NONE, Cache.ON);
            default -> throw new IllegalArgumentException("--cache is none, on or both: " + value);
        };
    }
}
