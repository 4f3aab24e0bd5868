package dev.commercesync.runlocal.bench;

import dev.commercesync.runlocal.RunLocalOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.commercesync.runlocal.OptionValues.next;
import static dev.commercesync.runlocal.OptionValues.nonNegativeInt;
import static dev.commercesync.runlocal.OptionValues.parameterName;
import static dev.commercesync.runlocal.OptionValues.parameterValue;
import static dev.commercesync.runlocal.OptionValues.positiveInt;

/**
 * What {@code ./run-local bench} was asked to do. Parsed by hand, in the style of {@link RunLocalOptions}.
 *
 * @param rates            orders per second, one load step each, run in ascending order
 * @param duration         how long each step sends at its rate
 * @param drain            after a step's load stops, how long every order it sent may take to reach the ERP and the
 *                         queues to empty; a step that needs longer is not sustainable
 * @param warmUp           an unmeasured load at the lowest rate before the first step, so every environment the
 *                         event sources start is up and past its first invocations
 * @param realRun          run our functions (the function.zip packages)
 * @param ceilingRun       run the null pipeline on the same stack
 * @param json             also write the results as JSON here
 * @param templateParameters template parameters, {@link RunLocalOptions#LOCAL_PARAMETERS} unless overridden
 * @param seed             feed seed: the same seed sends the same orders, in both runs
 * @param helpAsked        {@code --help}: print {@link #usage()} and do nothing else
 */
public record BenchOptions(List<Double> rates, Duration duration, Duration drain, Duration warmUp, boolean realRun,
                           boolean ceilingRun, Optional<Path> json, Map<String, String> templateParameters,
                           long seed, boolean helpAsked) {

    public BenchOptions {
        rates = List.copyOf(rates);
        templateParameters = Map.copyOf(templateParameters);
    }

    /**
     * About twelve minutes on two cores, where our pipeline tops out near 20 orders/s and the ceiling near 25: rungs
     * close enough there that the ratio is measured to within a rung of 20–25 %.
     */
    public static BenchOptions defaults() {
        return new BenchOptions(List.of(4.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(15), true, true, Optional.empty(),
                RunLocalOptions.LOCAL_PARAMETERS, 42, false);
    }

    public static BenchOptions parse(List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        BenchOptions o = defaults();
        List<Double> rates = o.rates;
        Duration duration = o.duration;
        Duration drain = o.drain;
        Duration warmUp = o.warmUp;
        boolean realRun = true;
        boolean ceilingRun = true;
        Optional<Path> json = Optional.empty();
        Map<String, String> parameters = new TreeMap<>(o.templateParameters);
        long seed = o.seed;
        boolean help = false;
        while (!rest.isEmpty()) {
            String flag = rest.removeFirst();
            int eq = flag.indexOf('=');
            String name = eq > 0 && flag.startsWith("--") ? flag.substring(0, eq) : flag;
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--ceiling-only" -> realRun = false;
                case "--no-ceiling" -> ceilingRun = false;
                default -> {
                    String value = eq > 0 && flag.startsWith("--") ? flag.substring(eq + 1) : next(rest, name);
                    switch (name) {
                        case "--rates" -> rates = rates(value);
                        case "--duration-seconds" -> duration = Duration.ofSeconds(positiveInt(name, value));
                        case "--drain-seconds" -> drain = Duration.ofSeconds(positiveInt(name, value));
                        case "--warm-up-seconds" -> warmUp = Duration.ofSeconds(nonNegativeInt(name, value));
                        case "--json" -> json = Optional.of(Path.of(value));
                        case "--parameter" -> parameters.put(parameterName(value), parameterValue(value));
                        case "--seed" -> seed = Long.parseLong(value);
                        default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
                    }
                }
            }
        }
        if (!realRun && !ceilingRun) {
            throw new IllegalArgumentException("--ceiling-only and --no-ceiling together leave nothing to run");
        }
        return new BenchOptions(rates, duration, drain, warmUp, realRun, ceilingRun, json, parameters, seed, help);
    }

    /** Orders the feed needs: the warm-up and every step, each order sent once. */
    public int ordersNeeded() {
        int total = ordersAt(rates.get(0), warmUp);
        for (double rate : rates) {
            total += ordersAt(rate, duration);
        }
        return total;
    }

    static int ordersAt(double rate, Duration window) {
        return (int) Math.round(rate * window.toMillis() / 1000.0);
    }

    public static String usage() {
        return """
                ./run-local bench — end-to-end throughput and latency of the order pipeline on the local stack, and
                the same stack's ceiling with a null pipeline (BENCHMARKS.md).

                For each rate, lowest first: distinct valid orders are posted through the HTTP API at that fixed rate
                (open loop) for --duration-seconds; each order's latency is ingest's 202 → the ERP has it; the
                backlog (visible + in-flight messages on every queue an event source reads) is sampled every second.
                A rate is sustainable when ingest accepted every order, the backlog did not grow over the last third
                of the window, and every order reached the ERP (and the queues emptied) within --drain-seconds after
                the load stopped. The ladder stops at the first rate that is not.
                Then the same ladder on the same stack with null functions: the SQS and DynamoDB calls our functions
                make per order, without their logic. Ours ÷ ceiling is the target (≥ 0.7).

                Usage: ./run-local bench [options]
                  --rates R1,R2,...          orders per second per step (default 4,6,8,10,12,15,20,25,30,40,50,60)
                  --duration-seconds S       load per step (default 30)
                  --drain-seconds S          after each step, how long the orders may take to arrive (default 30)
                  --warm-up-seconds S        unmeasured load at the lowest rate first (default 15; 0 = none)
                  --ceiling-only             only the null pipeline
                  --no-ceiling               only our functions
                  --json FILE                also write the results as JSON
                  --parameter Name=Value     a template parameter (repeatable), e.g. MapMaxConcurrency=4; the local
                                             defaults give each SQS event source a MaximumConcurrency of 2
                  --seed K                   feed seed (default 42)
                Every server binds 127.0.0.1 on a free port.
                Exit status: 0 when the run completed, 1 when a stack failed (what was measured is reported), 2 on bad usage.
                """;
    }

    private static List<Double> rates(String value) {
        List<Double> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            double rate = Double.parseDouble(part.trim());
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--rates must be positive numbers, not " + part);
            }
            rates.add(rate);
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--rates needs at least one rate");
        }
        return rates.stream().sorted().distinct().toList();
    }
}
