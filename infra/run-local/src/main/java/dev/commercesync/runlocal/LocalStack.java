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

    private LocalStack(RunningEmulators emulators, SqsClient sqs, DynamoDbClient dynamoDb, ProvisionedStack stack,
                       SandboxErp erp, SandboxMarketplaces marketplaces, Map<String, LocalFunction> functions,
                       List<SqsEventSourceMapping> mappings, HttpApiFront api) {
        this.emulators = emulators;
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.stack = stack;
        this.erp = erp;
        this.marketplaces = marketplaces;
        this.functions = functions;
        this.mappings = mappings;
        this.api = api;
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
     */
    public record Settings(int apiPort, int erpPort, int marketplacePort, String shopifySecret, Optional<String> erpUrl,
                           SandboxErpFaults erpFaults, Map<String, String> templateParameters,
                           Optional<Duration> visibilityTimeout, int maxInstancesPerFunction,
                           Duration longPollWait) {
    }

    public static LocalStack start(Path repoRoot, Settings settings) {
        // The JDK's HTTP server sends headers and body in two segments unless told otherwise, and the second then
        // waits ~40 ms for the caller's delayed ACK: set before the first server of this process starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            SandboxErp erp = null;
            Map<String, String> parameters = new HashMap<>(settings.templateParameters());
            if (settings.erpUrl().isEmpty()) {
                erp = SandboxErp.start(SandboxErpConfig.defaults().withPort(settings.erpPort())
                        .withApiKey(SANDBOX_ERP_API_KEY).withFaults(settings.erpFaults()));
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
            LaunchSettings launch = new LaunchSettings(repoRoot.resolve("target").resolve("local-stack"),
                    ManagedJavaRuntime.locateBuilt(repoRoot), AwsEndpoints.of(emulators))
                    .withEnvironmentOverrides(secrets);
            if (settings.maxInstancesPerFunction() > 0) {
                launch = launch.withMaxInstances(settings.maxInstancesPerFunction());
            }
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            for (String logicalId : template.functions().stream().map(SamTemplate.Function::logicalId).toList()) {
                LocalFunction function = LocalFunction.start(FunctionDefinition.fromTemplate(stack, logicalId), launch);
                started.add(function);
                functions.put(logicalId, function);
            }

            List<SqsEventSourceMapping> mappings = new ArrayList<>();
            for (MappingDefinition mapping : MappingDefinition.allFromTemplate(stack)) {
                settings.visibilityTimeout().ifPresent(timeout -> sqs.setQueueAttributes(b -> b
                        .queueUrl(mapping.queueUrl())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(timeout.toSeconds())))));
                SqsEventSourceMapping source = SqsEventSourceMapping.start(mapping, sqs,
                        functions.get(mapping.functionLogicalId()), settings.longPollWait());
                started.add(source);
                mappings.add(source);
            }

            Map<String, FunctionInvoker> invokers = new HashMap<>(functions);
            HttpApiFront api = HttpApiFront.start(HttpApiDefinition.fromTemplate(template, HTTP_API), invokers,
                    settings.apiPort());
            started.add(api);
            return new LocalStack(emulators, sqs, dynamoDb, stack, erp, marketplaces, functions, mappings, api);
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
     * the HTTP function, a lookup of an order that does not exist), as provisioned concurrency would: the stack is
     * ready when this returns, and each cold start has been measured.
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
        warming.add(CompletableFuture.runAsync(() -> {
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(api.baseUri() + "/v1/orders/shopify/0")).timeout(patience).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
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

    /** Event sources first (they drain what is in flight), then functions, servers and emulators. */
    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>();
        order.add(api);
        order.addAll(mappings);
        order.addAll(functions.values());
        if (erp != null) {
            order.add(erp);
        }
        order.add(sqs);
        order.add(dynamoDb);
        order.add(emulators);
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
