package dev.commercesync.runlocal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.RunLocalOptions;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import dev.commercesync.runlocal.erp.SandboxSalesOrder;
import dev.commercesync.runlocal.usage.UsageReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./run-local bench}: the rate ladder through our functions, then through the null pipeline on the same
 * stack, and ours ÷ ceiling. See {@link BenchOptions.usage()} and BENCHMARKS.md.
 */
public final class BenchCommand {

    private static final Duration LONG_POLL = Duration.ofSeconds(2);
    private static final Duration START_PATIENCE = Duration.ofSeconds(180);

    private BenchCommand() {
    }

    /** Runs the command; returns the process exit status. */
    public static int run(List<String> args, PrintStream out) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-local bench: " + e.getMessage());
            System.err.println("Try ./run-local bench --help");
            return 2;
        }
        if (options.helpAsked()) {
            out.print(BenchOptions.usage());
            return 0;
        }
        Path root = RepositoryRoot.locate();
        BenchFeed feed = BenchFeed.generate(options.ordersNeeded(), options.seed());
        out.printf("bench: rates %s orders/s, %d s each, drain %d s, warm-up %d s; %d orders (%.2f SKUs each)%n",
                options.rates(), options.duration().toSeconds(), options.drain().toSeconds(),
                options.warmUp().toSeconds(), options.ordersNeeded(), feed.meanSkusPerOrder());

        List<RunResult> runs = new ArrayList<>();
        int status = 0;
        try {
            if (options.realRun()) {
                runs.add(runOurs(root, options, feed, out));
                feed.rewind();
            }
            if (options.ceilingRun()) {
                runs.add(runCeiling(root, options, feed, out));
            }
        } catch (RuntimeException e) {
            // A stack that would not start or broke down: report what was measured before it.
            System.err.println("run-local bench: " + e);
            e.printStackTrace(System.err);
            status = 1;
        }
        BenchReport report = BenchReport.of(options, runs, feed.meanSkusPerOrder());
        out.println();
        out.print(report.table());
        out.println();
        out.println("null pipeline, calls per order (CallPlan):");
        out.print(CallPlan.table());
        if (options.json().isPresent()) {
            writeJson(report, options.json().get());
            out.println("results written to " + options.json().get());
        }
        return status;
    }

    private static RunResult runOurs(Path root, BenchOptions options, BenchFeed feed, PrintStream out)
            throws InterruptedException {
        out.println("ours: starting the local stack with the function.zip packages …");
        Instant start = Instant.now();
        try (LocalStack stack = LocalStack.start(root, settings(options))) {
            stack.warmUp(START_PATIENCE);
            double started = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            RunResult result = new RateLadder(stack, () -> erpArrivals(stack), options, feed, out).run("ours", started);
            printUsage(stack, result.ordersAccepted(), out);
            return result;
        }
    }

    private static RunResult runCeiling(Path root, BenchOptions options, BenchFeed feed, PrintStream out)
            throws InterruptedException {
        out.println("ceiling: starting the same stack with the null pipeline …");
        NullPipeline pipeline = new NullPipeline(feed.ordersByBody());
        Instant start = Instant.now();
        try (LocalStack stack = LocalStack.start(root, settings(options), pipeline)) {
            stack.warmUp(START_PATIENCE);
            double started = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            return new RateLadder(stack, pipeline.erp()::arrivals, options, feed, out).run("ceiling", started);
        }
    }

    /**
     * The AWS calls our run made per order, counted (helper A's {@link UsageReport}): beside {@link CallPlan}, the
     * check that the null pipeline makes the calls ours does. Over the whole run, warm-up and stack warm-up included.
     */
    private static void printUsage(LocalStack stack, long ordersAccepted, PrintStream out) {
        try {
            out.println();
            out.println("ours: AWS calls and cost per order over the whole run (" + ordersAccepted + " orders)");
            out.print(UsageReport.collect(stack, ordersAccepted).table());
        } catch (RuntimeException e) {
            out.println("  AWS usage not available: " + e);
        }
    }

    /** The ERP's creates: external reference (the order key) → when the first document for it was committed. */
    private static Map<String, Instant> erpArrivals(LocalStack stack) {
        Map<String, Instant> arrivals = new HashMap<>();
        for (SandboxSalesOrder document : stack.erp().map(erp -> erp.documents()).orElse(List.of())) {
            arrivals.merge(document.externalReference(), document.createdAt(),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        return arrivals;
    }

    /** Our functions count their AWS calls: the run ends with the calls per order and their cost. */
    static LocalStack.Settings settings(BenchOptions options) {
        return new LocalStack.Settings(0, 0, 0, RunLocalOptions.DEVELOPMENT_SHOPIFY_SECRET, Optional.empty(),
                SandboxErpFaults.none(), options.templateParameters(), Optional.empty(), 0, LONG_POLL, 0)
                .withAwsCallCounts();
    }

    private static void writeJson(BenchReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), report);
    }
}
