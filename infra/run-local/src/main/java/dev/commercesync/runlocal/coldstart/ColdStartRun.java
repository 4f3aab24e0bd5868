package dev.commercesync.runlocal.coldstart;

import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.LocalStack;
import dev.commercesync.runlocal.RunLocalOptions;
import dev.commercesync.runlocal.coldstart.ColdStartOptions.Cache;
import dev.commercesync.runlocal.coldstart.ColdStartOptions.Jdk;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.demo.Expectation;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;
import dev.commercesync.runlocal.lambda.ColdStart;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import dev.commercesync.runlocal.lambda.FunctionInstance;
import dev.commercesync.runlocal.lambda.LaunchSettings;
import dev.commercesync.runlocal.lambda.LocalFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code ./run-local coldstart}: the local stack without its event source mappings, then passes of one order
 * through the chain with a fresh execution environment for every function, strictly one process at a time. First a
 * training pass for each configuration with a cache, whose environments write their archives when they are
 * stopped; then run 1 of every configuration, run 2 of every configuration, and so on, so a change in the machine's
 * load during the run spreads over all configurations instead of favouring the one measured first.
 */
final class ColdStartRun {

    /** Writing an AppCDS archive or assembling an AOT cache at exit takes seconds, more on a busy machine. */
    private static final Duration ARCHIVE_GRACE = Duration.ofMinutes(3);
    private static final String TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    private final Path root;
    private final ColdStartOptions options;
    private final PrintStream out;
    private final Path stateDirectory;
    private final List<ColdStartSample> samples = new ArrayList<>();
    private final List<ColdStartReport.ArchiveFile> archives = new ArrayList<>();

    ColdStartRun(Path root, ColdStartOptions options, PrintStream out) {
        this.root = root;
        this.options = options;
        this.out = out;
        this.stateDirectory = root.resolve("target").resolve("coldstart");
    }

    ColdStartReport run() throws Exception {
        List<JvmSetup> setups = setups();
        String machine = machine();
        out.println("machine: " + machine);
        try (LocalStack stack = LocalStack.start(root, stackSettings())) {
            // Nothing but this run may take a message, and no function of the stack's own may start.
            stack.mappings().forEach(SqsEventSourceMapping::stop);
            List<String> functions = stack.functions().keySet().stream().filter(options::selects).toList();
            if (functions.isEmpty()) {
                throw new IllegalArgumentException("--functions " + options.functions() + " names none of "
                        + stack.functions().keySet());
            }
            Map<String, FunctionDefinition> definitions = pinPackages(stack, functions);
            List<FunctionPackage> packages = functions.stream().map(id -> FunctionPackage.of(id,
                    root.relativize(stack.functions().get(id).definition().codeZip().toAbsolutePath()),
                    definitions.get(id).codeZip(), 5)).toList();
            int passes = setups.stream().mapToInt(s -> options.runs() + (s.needsTraining() ? 1 : 0)).sum();
            Iterator<Delivery> orders = orders(passes).iterator();
            try (FirstEvents events = new FirstEvents(stack)) {
                for (JvmSetup setup : setups) {
                    if (setup.needsTraining()) {
                        pass(stack, events, definitions, setup, 0, orders.next());
                        recordArchives(functions, setup);
                    }
                }
                for (int run = 1; run <= options.runs(); run++) {
                    for (JvmSetup setup : setups) {
                        pass(stack, events, definitions, setup, run, orders.next());
                    }
                }
            }
            return new ColdStartReport(machine, setups, samples, archives, packages);
        }
    }

    private List<JvmSetup> setups() {
        List<JvmSetup> setups = new ArrayList<>();
        for (Jdk jdk : options.jdks()) {
            Path home = jdk == Jdk.JDK_17 ? options.jdk17Home() : options.jdk25Home();
            for (Cache cache : options.caches()) {
                setups.add(JvmSetup.of(jdk, cache, home));
            }
        }
        return setups;
    }

    /** One order through every selected function, each in a fresh environment of {@code setup}. */
    private void pass(LocalStack stack, FirstEvents events, Map<String, FunctionDefinition> functions,
                      JvmSetup setup, int run, Delivery order) throws Exception {
        for (FunctionDefinition definition : functions.values()) {
            String logicalId = definition.logicalId();
            Path archive = archive(setup, logicalId);
            if (run == 0) {
                // A training run that fails to write must not leave an older archive looking like its own.
                Files.deleteIfExists(archive);
            }
            List<String> jvmOptions = run == 0 ? setup.trainingOptions(archive) : setup.measuredOptions(archive);
            ColdStartSample sample = measure(definition, stack.functions().get(logicalId).settings(), events, setup,
                    run, order, jvmOptions, run == 0 ? ARCHIVE_GRACE : LaunchSettings.DEFAULT_STOP_GRACE);
            samples.add(sample);
            out.printf(Locale.ROOT, "%-22s %-6s %-28s %7.0f ms  VmRSS %4s MiB  %s → %s%n", setup.label(),
                    run == 0 ? "train" : "run " + run, logicalId, sample.firstResponseMs(),
                    sample.memory() == null ? "?" : Long.toString(sample.memory().rssKib() / 1024), sample.event(),
                    sample.ok() ? sample.outcome() : "✗ " + sample.outcome());
        }
    }

    /**
     * Copies of the functions' packages, taken once: every configuration then runs the very same code, even if a
     * build replaces a {@code function.zip} while this runs. Template order, selected functions only.
     */
    private Map<String, FunctionDefinition> pinPackages(LocalStack stack, List<String> functions) throws IOException {
        Path directory = stateDirectory.resolve("packages");
        Files.createDirectories(directory);
        Map<String, FunctionDefinition> pinned = new LinkedHashMap<>();
        for (String logicalId : functions) {
            FunctionDefinition d = stack.functions().get(logicalId).definition();
            Path copy = directory.resolve(logicalId + ".zip").toAbsolutePath();
            Files.copy(d.codeZip(), copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            pinned.put(logicalId, new FunctionDefinition(d.logicalId(), d.functionName(), d.handler(), copy,
                    d.timeout(), d.memorySize(), d.environment(), d.aliasName(), d.maximumConcurrency()));
        }
        return pinned;
    }

    /**
     * Starts one environment of the function with the stack's launch settings but {@code setup}'s JVM and options,
     * delivers the first event, reads the process's memory at once, and stops it.
     */
    private ColdStartSample measure(FunctionDefinition definition, LaunchSettings base, FirstEvents events,
                                    JvmSetup setup, int run, Delivery order, List<String> jvmOptions,
                                    Duration stopGrace) throws Exception {
        Map<String, String> overrides = new HashMap<>(base.environmentOverrides());
        overrides.put(TOOL_OPTIONS, JvmSetup.javaToolOptions(
                Optional.ofNullable(definition.environment().get(TOOL_OPTIONS)), jvmOptions));
        LaunchSettings launch = base.withRuntime(stateDirectory, base.runtime().withJavaExecutable(
                        setup.javaExecutable()))
                .withEnvironmentOverrides(overrides).withMaxInstances(1).withStopGrace(stopGrace);
        try (LocalFunction function = LocalFunction.start(definition, launch)) {
            FirstEvents.Answer answer = events.deliver(definition.logicalId(), function, order);
            ProcessMemory memory = function.instances().stream().findFirst().map(FunctionInstance::pid)
                    .flatMap(ProcessMemory::of).orElse(null);
            Optional<ColdStart> cold = function.coldStarts().stream().findFirst();
            boolean ok = answer.ok() && cold.isPresent();
            if (!ok) {
                keepLog(function, setup, run);
            }
            return new ColdStartSample(definition.logicalId(), setup.label(), run, answer.event(), answer.outcome(),
                    ok, cold.map(c -> millis(c.init())).orElse(-1.0),
                    cold.map(c -> millis(c.toFirstResponse())).orElse(-1.0), memory);
        }
    }

    /** {@code target/coldstart/archives/jdk17-cache/MapFunction.jsa}: absolute, as the JVM runs in the task root. */
    private Path archive(JvmSetup setup, String logicalId) throws IOException {
        Path directory = stateDirectory.resolve("archives").resolve(slug(setup)).toAbsolutePath();
        Files.createDirectories(directory);
        return directory.resolve(setup.archiveFileName(logicalId));
    }

    private void recordArchives(List<String> functions, JvmSetup setup) throws IOException {
        for (String logicalId : functions) {
            Path archive = archive(setup, logicalId);
            if (Files.isRegularFile(archive)) {
                archives.add(new ColdStartReport.ArchiveFile(logicalId, setup.label(),
                        root.relativize(archive.toAbsolutePath()).toString(), Files.size(archive)));
            } else {
                out.println("warning: the training run of " + logicalId + " wrote no " + archive
                        + "; its measured runs will fail (see " + stateDirectory.resolve("logs") + ")");
            }
        }
    }

    /** A failed environment's log, kept under a name the next run does not overwrite. */
    private void keepLog(LocalFunction function, JvmSetup setup, int run) {
        for (Path log : function.logFiles()) {
            Path kept = log.resolveSibling("failed-" + slug(setup) + "-run" + run + "-" + log.getFileName());
            try {
                Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
                out.println("  log kept: " + root.relativize(kept.toAbsolutePath()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep " + log, e);
            }
        }
    }

    /**
     * Distinct valid orders, one per pass, so no pass meets a duplicate; all signed Shopify webhooks, so every pass
     * does the same work (the HMAC check included) and the configurations compare like with like.
     */
    private static List<Delivery> orders(int count) {
        DemoOptions feed = new DemoOptions(Math.min(DemoOptions.MAX_ORDERS, count * 4 + 10), 42L, 0, 0, 0, 0,
                RunLocalOptions.DEVELOPMENT_SHOPIFY_SECRET);
        List<Delivery> orders = DemoFeed.generate(feed).deliveries().stream()
                .filter(d -> d.expectation() == Expectation.ACCEPTED_NEW_ORDER && d.channel() == SalesChannel.SHOPIFY)
                .limit(count).toList();
        if (orders.size() < count) {
            throw new IllegalStateException("the demo feed gave " + orders.size() + " new Shopify orders, not "
                    + count);
        }
        return orders;
    }

    /** Every port free, the laptop template parameters, the development Shopify secret. */
    private static LocalStack.Settings stackSettings() {
        return new LocalStack.Settings(0, 0, 0, RunLocalOptions.DEVELOPMENT_SHOPIFY_SECRET, Optional.empty(),
                SandboxErpFaults.none(), RunLocalOptions.LOCAL_PARAMETERS, Optional.empty(), 0, Duration.ofSeconds(1));
    }

    private static String slug(JvmSetup setup) {
        return "jdk" + setup.jdk().feature() + (setup.needsTraining() ? "-cache" : "");
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    /** Processors, memory and load when the run started: cold starts are CPU-bound, so the load matters. */
    private static String machine() {
        String memory = readFirst(Path.of("/proc/meminfo")).map(l -> l.replaceAll("\\s+", " ")).orElse("?");
        String load = readFirst(Path.of("/proc/loadavg")).orElse("?");
        return Runtime.getRuntime().availableProcessors() + " processors, " + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", load average " + load;
    }

    private static Optional<String> readFirst(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
