package dev.commercesync.runlocal;

import dev.commercesync.localstack.LocalEmulators;
import dev.commercesync.localstack.ProvisionedStack;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.RunningEmulators;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.localstack.StackProvisioner;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.erp.SandboxErp;
import dev.commercesync.runlocal.erp.SandboxErpConfig;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import dev.commercesync.runlocal.marketplace.SandboxMarketplaces;
import dev.commercesync.runlocal.marketplace.SandboxMarketplacesConfig;
import dev.commercesync.runlocal.marketplace.SandboxMarketplaces;
import dev.commercesync.runlocal.marketplace.SandboxMarketplacesConfig;
import dev.commercesync.runlocal.esm.MappingDefinition;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;
import dev.commercesync.runlocal.http.HttpApiDefinition;
import dev.commercesync.runlocal.http.HttpApiFront;
import dev.commercesync.runlocal.lambda.AwsEndpoints;
import dev.commercesync.runlocal.lambda.FunctionDefinition;
import dev.commercesync.runlocal.lambda.FunctionInvoker;
import dev.commercesync.runlocal.lambda.LaunchSettings;
import dev.commercesync.runlocal.lambda.LocalFunction;
import dev.commercesync.runlocal.lambda.ManagedJavaRuntime;
import dev.commercesync.runlocal.status.StatusPage;
import dev.commercesync.runlocal.telemetry.TraceCollector;
import dev.commercesync.runlocal.usage.FunctionCallCounts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole function set on this machine, assembled from {@code infra/template.yaml}: emulators, queues and tables,
 * every function's {@code function.zip} behind a local Lambda Runtime API, the template's SQS event source mappings,
 * the HTTP API in front of ingest, and a sandbox ERP. Nothing here names a queue, table or function: the template
 * does.
 */
public final class LocalStack implements AutoCloseable {

    /** Where the sandbox ERP expects its bearer key; the functions get it as {@code ERP_API_KEY}. */
    static final String SANDBOX_ERP_API_KEY = "local-sandbox-erp-key";
    private static final String HTTP_API = "OrdersHttpApi";

    private final RunningEmulators emulators;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final ProvisionedStack stack;
    private final SandboxErp erp;
    private final SandboxMarketplaces marketplaces;
    private final Map<String, LocalFunction> functions;
    private final List<SqsEventSourceMapping> mappings;
    private final HttpApiFront api;
    private final TraceCollector traces;
    private final List<AutoCloseable> standIns;

    private LocalStack(RunningEmulators emulators, SqsClient sqs, DynamoDbClient dynamoDb, ProvisionedStack stack,
                       SandboxErp erp, SandboxMarketplaces marketplaces, Map<String, LocalFunction> functions,
                       List<SqsEventSourceMapping> mappings, HttpApiFront api, TraceCollector traces,
                       List<AutoCloseable> standIns) {
        this.emulators = emulators;
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.stack = stack;
        this.erp = erp;
        this.marketplaces = marketplaces;
        this.functions = functions;
        this.mappings = mappings;
        this.api = api;
        this.traces = traces;
        this.standIns = standIns;
    }

    /**
     * In-process stand-ins for some of the template's functions, in place of their {@code function.zip}: the
     * benchmark's null pipeline, which makes a function's AWS calls without its logic. Everything else — emulators,
     * queues, tables, event source mappings, HTTP API, sandboxes — is the same stack. A stand-in that is
     * {@link AutoCloseable} is closed with the stack. Stood-in functions are not in {@link #functions()}.
     */
    @FunctionalInterface
    public interface StandIns {

        /** The normal stack: every function runs from its package. */
        StandIns NONE = (definition, emulators) -> Optional.empty();

        /** The invoker that replaces {@code definition}'s function, or empty to run the real one. */
        Optional<FunctionInvoker> standIn(FunctionDefinition definition, RunningEmulators emulators);
    }

    /**
     * How to run it.
     *
     * @param templateParameters   template parameter values (e.g. a smaller MaxReceiveCount in tests)
     * @param visibilityTimeout    if set, the consumed queues' visibility timeout instead of the template's, so a
     *                             killed function's batch comes back in seconds (tests)
     * @param maxInstancesPerFunction processes per function at most, or 0 for what the template says: an SQS-fed
     *                             function gets its event source's MaximumConcurrency (set it through
     *                             {@code templateParameters}), the HTTP function two
     * @param otlpPort             the trace collector's port (OTLP/HTTP), 0 for any free one
     * @param countAwsCalls        whether every function writes its AWS SDK call counts for {@code usage.UsageReport}
     *                             (and asks DynamoDB for consumed capacity): only for measuring runs, since it changes
     *                             the functions' timing a little
     */
    public record Settings(int apiPort, int erpPort, int marketplacePort, String shopifySecret, Optional<String> erpUrl,
                           SandboxErpFaults erpFaults, Map<String, String> templateParameters,
                           Optional<Duration> visibilityTimeout, int maxInstancesPerFunction,
                           Duration longPollWait, int otlpPort, boolean countAwsCalls) {

        /** No AWS call counting. */
        public Settings(int apiPort, int erpPort, int marketplacePort, String shopifySecret, Optional<String> erpUrl,
                        SandboxErpFaults erpFaults, Map<String, String> templateParameters,
                        Optional<Duration> visibilityTimeout, int maxInstancesPerFunction, Duration longPollWait,
                        int otlpPort) {
            this(apiPort, erpPort, marketplacePort, shopifySecret, erpUrl, erpFaults, templateParameters,
                    visibilityTimeout, maxInstancesPerFunction, longPollWait, otlpPort, false);
        }

        /** The same settings, with the functions counting their AWS calls. */
        public Settings withAwsCallCounts() {
            return new Settings(apiPort, erpPort, marketplacePort, shopifySecret, erpUrl, erpFaults,
                    templateParameters, visibilityTimeout, maxInstancesPerFunction, longPollWait, otlpPort, true);
        }

        /** The trace collector on any free port. */
        public Settings(int apiPort, int erpPort, int marketplacePort, String shopifySecret, Optional<String> erpUrl,
                        SandboxErpFaults erpFaults, Map<String, String> templateParameters,
                        Optional<Duration> visibilityTimeout, int maxInstancesPerFunction, Duration longPollWait) {
            this(apiPort, erpPort, marketplacePort, shopifySecret, erpUrl, erpFaults, templateParameters,
                    visibilityTimeout, maxInstancesPerFunction, longPollWait, 0);
        }
    }

    public static LocalStack start(Path repoRoot, Settings settings) {
        return start(repoRoot, settings, StandIns.NONE);
    }

    /** As {@link #start(Path, Settings)}, with some functions replaced by in-process stand-ins. */
    public static LocalStack start(Path repoRoot, Settings settings, StandIns standIns) {
        // The JDK's HTTP server sends headers and body in two segments unless told otherwise, and the second then
        // waits ~40 ms for the caller's delayed ACK: set before the first server of this process starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            TraceCollector traces = TraceCollector.start(settings.otlpPort());
            started.add(traces);
            SandboxErp erp = null;
            Map<String, String> parameters = new HashMap<>(settings.templateParameters());
            if (settings.erpUrl().isEmpty()) {
                // The ERP knows the items the demo sells, as the sandbox marketplaces list them: a line with any
                // other SKU is refused (422), which the pipeline records as ERP_REJECTED.
                erp = SandboxErp.start(SandboxErpConfig.defaults().withPort(settings.erpPort())
                        .withApiKey(SANDBOX_ERP_API_KEY).withFaults(settings.erpFaults())
                        .withSkuCatalogue(DemoFeed.skuCatalogue()));
                started.add(erp);
                parameters.put("ErpBaseUrl", erp.baseUrl().toString());
            } else {
                parameters.put("ErpBaseUrl", settings.erpUrl().get());
            }
            SandboxMarketplaces marketplaces = SandboxMarketplaces.start(SandboxMarketplacesConfig.defaults()
                    .withPort(settings.marketplacePort()));
            started.add(marketplaces);
            InventoryDemo.seedMarketplaces(marketplaces, DemoFeed.skuCatalogue());
            parameters.put("ShopifyGraphqlEndpoint", marketplaces.shopifyGraphqlEndpoint());
            parameters.put("AmazonSpApiEndpoint", marketplaces.amazonEndpoint());
            parameters.put("AmazonLwaEndpoint", marketplaces.amazonLwaEndpoint());
            parameters.put("EbayApiEndpoint", marketplaces.ebayEndpoint());
            SamTemplate template = SamTemplate.read(RepositoryRoot.template(repoRoot)).withParameterValues(parameters);

            RunningEmulators emulators = LocalEmulators.start(repoRoot);
            started.add(emulators);
            SqsClient sqs = emulators.newSqsClient();
            started.add(sqs);
            DynamoDbClient dynamoDb = emulators.newDynamoDbClient();
            started.add(dynamoDb);
            ProvisionedStack stack = new StackProvisioner(sqs, dynamoDb).provision(template);

            Map<String, String> secrets = new HashMap<>();
            // The template resolves these from Secrets Manager; locally they are given directly.
            secrets.put("SHOPIFY_WEBHOOK_SECRET", settings.shopifySecret());
            secrets.put("MARKETPLACE_CREDENTIALS", marketplaces.credentialsJson());
            if (erp != null) {
                secrets.put("ERP_API_KEY", SANDBOX_ERP_API_KEY);
            }
            Map<String, String> overrides = new HashMap<>(secrets);
            // Every span to the local collector, whatever the template's OtelExporterEndpoint says.
            overrides.putAll(traces.functionEnvironment());
            if (settings.countAwsCalls()) {
                // Each function process writes its AWS SDK call counts there (usage.UsageReport adds them up).
                overrides.put(FunctionCallCounts.ENVIRONMENT_VARIABLE, FunctionCallCounts.freshDirectory(
                        repoRoot.resolve("target").resolve("local-stack")).toString());
            }
            LaunchSettings launch = new LaunchSettings(repoRoot.resolve("target").resolve("local-stack"),
                    ManagedJavaRuntime.locateBuilt(repoRoot), AwsEndpoints.of(emulators))
                    .withEnvironmentOverrides(overrides);
            if (settings.maxInstancesPerFunction() > 0) {
                launch = launch.withMaxInstances(settings.maxInstancesPerFunction());
            }
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            Map<String, FunctionInvoker> invokers = new HashMap<>();
            List<AutoCloseable> closeableStandIns = new ArrayList<>();
            for (String logicalId : template.functions().stream().map(SamTemplate.Function::logicalId).toList()) {
                FunctionDefinition definition = FunctionDefinition.fromTemplate(stack, logicalId);
                Optional<FunctionInvoker> standIn = standIns.standIn(definition, emulators);
                if (standIn.isPresent()) {
                    invokers.put(logicalId, standIn.get());
                    if (standIn.get() instanceof AutoCloseable closeable) {
                        started.add(closeable);
                        closeableStandIns.add(closeable);
                    }
                    continue;
                }
                LocalFunction function = LocalFunction.start(definition, launch);
                started.add(function);
                functions.put(logicalId, function);
                invokers.put(logicalId, function);
            }

            List<SqsEventSourceMapping> mappings = new ArrayList<>();
            for (MappingDefinition mapping : MappingDefinition.allFromTemplate(stack)) {
                settings.visibilityTimeout().ifPresent(timeout -> sqs.setQueueAttributes(b -> b
                        .queueUrl(mapping.queueUrl())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(timeout.toSeconds())))));
                SqsEventSourceMapping source = SqsEventSourceMapping.start(mapping, sqs,
                        invokers.get(mapping.functionLogicalId()), settings.longPollWait());
                started.add(source);
                mappings.add(source);
            }

            HttpApiFront api = HttpApiFront.start(HttpApiDefinition.fromTemplate(template, HTTP_API), invokers,
                    settings.apiPort());
            started.add(api);
            LocalStack local = new LocalStack(emulators, sqs, dynamoDb, stack, erp, marketplaces, functions, mappings,
                    api, traces, List.copyOf(closeableStandIns));
            // The live status page on the API's port, ahead of the template's routes.
            api.mount(StatusPage.PATH, StatusPage.of(local));
            return local;
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * Starts one environment of every function and lets it handle a harmless first event (an empty SQS batch; for
     * the HTTP functions, a lookup of an order that does not exist and an order for an unknown channel), as
     * provisioned concurrency would: the stack is ready when this returns, and each cold start has been measured.
     */
    public void warmUp(Duration patience) {
        List<CompletableFuture<?>> warming = new ArrayList<>();
        Set<String> sqsFed = new HashSet<>();
        mappings.forEach(m -> sqsFed.add(m.definition().functionLogicalId()));
        for (Map.Entry<String, LocalFunction> function : functions.entrySet()) {
            if (sqsFed.contains(function.getKey())) {
                warming.add(function.getValue().invoke("{\"Records\":[]}"));
            }
        }
        // The HTTP functions: an order lookup for the operator API (401 or 404, either way it ran), an order for a
        // channel that does not exist for ingest (404, nothing queued).
        List<HttpRequest> harmless = List.of(
                HttpRequest.newBuilder(URI.create(api.baseUri() + "/v1/orders/shopify/0")).timeout(patience).build(),
                HttpRequest.newBuilder(URI.create(api.baseUri() + "/v1/orders/warm-up")).timeout(patience)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        for (HttpRequest request : harmless) {
            warming.add(CompletableFuture.runAsync(() -> {
                try {
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            CompletableFuture.allOf(warming.toArray(CompletableFuture[]::new))
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the functions did not start within " + patience + ": see "
                    + "target/local-stack/logs/", e);
        }
    }

    public ProvisionedStack stack() {
        return stack;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public Optional<SandboxErp> erp() {
        return Optional.ofNullable(erp);
    }

    /** The sandbox Shopify, Amazon and eBay the inventory publishers call. */
    public SandboxMarketplaces marketplaces() {
        return marketplaces;
    }

    public Map<String, LocalFunction> functions() {
        return functions;
    }

    public List<SqsEventSourceMapping> mappings() {
        return mappings;
    }

    public HttpApiFront api() {
        return api;
    }

    public RunningEmulators emulators() {
        return emulators;
    }

    /** The OTLP receiver every function exports its spans to. */
    public TraceCollector traceCollector() {
        return traces;
    }

    /** Event sources first (they drain what is in flight), then functions, servers and emulators. */
    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>();
        order.add(api);
        order.addAll(mappings);
        order.addAll(functions.values());
        order.addAll(standIns);
        if (erp != null) {
            order.add(erp);
        }
        order.add(marketplaces);
        order.add(sqs);
        order.add(dynamoDb);
        order.add(emulators);
        order.add(traces);
        closeAll(order);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("while stopping " + resource + ": " + e);
            }
        }
    }
}
