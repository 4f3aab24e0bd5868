package dev.commercesync.runlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.runlocal.bench.BenchCommand;
import dev.commercesync.runlocal.coldstart.ColdStartCommand;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import dev.commercesync.runlocal.status.StatusPage;
import dev.commercesync.runlocal.usage.UsageReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code ./run-local}: see {@link RunLocalOptions#help()}. */
public final class RunLocal {

    private static final Duration LONG_POLL = Duration.ofSeconds(2);

    private RunLocal() {
    }

    public static void main(String[] args) throws Exception {
        // The benchmark commands have options of their own (BENCHMARKS.md).
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchCommand.run(Arrays.asList(args).subList(1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("coldstart")) {
            System.exit(ColdStartCommand.run(Arrays.asList(args).subList(1, args.length), System.out));
        }
        RunLocalOptions options;
        try {
            options = RunLocalOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.println("Try ./run-local --help");
            System.exit(2);
            return;
        }
        if (options.mode() == RunLocalOptions.Mode.HELP) {
            System.out.print(RunLocalOptions.help());
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(RunLocalOptions options, PrintStream out) throws Exception {
        Path root = RepositoryRoot.locate();
        out.println("starting the local stack from " + RepositoryRoot.template(root) + " …");
        try (LocalStack stack = LocalStack.start(root, settings(options))) {
            out.println("starting the functions …");
            stack.warmUp(Duration.ofSeconds(120));
            printEndpoints(stack, out);
            if (options.mode() == RunLocalOptions.Mode.UP) {
                Path endpoints = writeEndpointFile(stack, root);
                out.println("  operator CLI   ./commerce-ops --endpoint-file " + root.relativize(endpoints)
                        + " dlq list   (operator API token: Bearer local-operator-token)");
                serveUntilInterrupted(stack, out);
                return 0;
            }
            DemoSummary summary = new DemoRun(stack, options, out).run();
            out.println();
            out.println("summary");
            out.print(summary.table());
            if (options.awsUsage()) {
                // Divided by the orders the ERP holds: duplicates, updates and malformed deliveries are overhead.
                out.println();
                out.print(UsageReport.collect(stack, Math.max(1, summary.posted())).table());
            }
            if (options.summaryJson().isPresent()) {
                writeJson(summary, options.summaryJson().get());
                out.println("summary written to " + options.summaryJson().get());
            }
            out.println(summary.healthy() ? "OK: nothing lost, nothing created twice"
                    : "FAILED: see the figures marked ✗ above");
            return summary.healthy() ? 0 : 1;
        }
    }

    static LocalStack.Settings settings(RunLocalOptions options) {
        SandboxErpFaults faults = SandboxErpFaults.none()
                .withErrorRate(options.erpErrorRate())
                .withAddedLatency(options.erpLatency(), Duration.ZERO)
                .withDropResponseAfterCreate(options.erpDropRate())
                .withMaxOrdersPerSecond(options.erpMaxOrdersPerSecond());
        LocalStack.Settings settings = new LocalStack.Settings(options.apiPort(), options.erpPort(),
                options.marketplacePort(), options.shopifySecret(), options.erpUrl(), faults,
                options.templateParameters(), Optional.empty(), 0, LONG_POLL, options.otlpPort());
        return options.awsUsage() ? settings.withAwsCallCounts() : settings;
    }

    private static void printEndpoints(LocalStack stack, PrintStream out) {
        out.println("  HTTP API       " + stack.api().baseUri() + "  (POST /v1/orders/{channel}; operator: GET /v1/orders/{channel}/{id}, /v1/exceptions)");
        out.println("  status page    " + stack.api().baseUri() + StatusPage.PATH
                + "  (live queues, order states, latency, exceptions, drift; ?order=<channel>/<id> for a trace)");
        stack.erp().ifPresent(erp -> out.println("  sandbox ERP    " + erp.baseUrl()
                + "  (/sales-orders; /sandbox/erp/sales-orders, /sandbox/erp/faults, /sandbox/erp/stats)"));
        out.println("  marketplaces   " + stack.marketplaces().baseUrl()
                + "  (/shopify, /amazon, /ebay; /sandbox/marketplaces/{channel}/inventory/{sku}, .../faults, .../stats)");
        out.println("  traces (OTLP)  " + stack.traceCollector().endpoint()
                + "  (POST /v1/traces, protobuf; every function exports here)");
        out.println("  DynamoDB Local " + stack.emulators().dynamoDbEndpoint());
        out.println("  ElasticMQ      " + stack.emulators().sqsEndpoint());
        out.println("  functions      " + String.join(", ", stack.functions().keySet())
                + "  (logs: target/local-stack/logs/)");
    }

    /**
     * {@code target/local-stack/endpoints.properties}: the emulators' endpoints in the form {@code ./commerce-ops
     * --endpoint-file} reads, so the operator CLI finds this stack without copying ports.
     */
    private static Path writeEndpointFile(LocalStack stack, Path root) throws IOException {
        Path file = root.resolve("target").resolve("local-stack").resolve("endpoints.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# written by ./run-local up; read by ./commerce-ops --endpoint-file\n"
                + "sqs=" + stack.emulators().sqsEndpoint() + "\n"
                + "dynamodb=" + stack.emulators().dynamoDbEndpoint() + "\n");
        return file;
    }

    private static void serveUntilInterrupted(LocalStack stack, PrintStream out) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "run-local-stop"));
        out.println("READY api=" + stack.api().baseUri()
                + stack.erp().map(erp -> " erp=" + erp.baseUrl()).orElse("")
                + " — Ctrl-C stops everything");
        out.flush();
        stopped.await();
    }

    private static void writeJson(DemoSummary summary, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
    }
}
