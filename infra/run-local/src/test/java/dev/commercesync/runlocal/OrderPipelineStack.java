package dev.commercesync.runlocal;

import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One whole local stack ({@link LocalStack}: every template function from its function.zip, the HTTP API, the
 * sandbox ERP, the trace collector) shared by the test classes that post orders and then read what became of them.
 * Starting it costs a cold start of every function on a small machine, so it starts once, when the first of
 * {@link #USERS} asks, and stops when the last of them has {@link #release released} it (or with the JVM, when only
 * some of them run). Its orders never collide: each user posts orders of a feed seed of its own.
 */
final class OrderPipelineStack {

    static final String SHOPIFY_SECRET = RunLocalOptions.DEVELOPMENT_SHOPIFY_SECRET;
    private static final Set<Class<?>> USERS = Set.of(TracingEndToEndTest.class, LogHygieneTest.class);
    private static final Set<Class<?>> RELEASED = new HashSet<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalStack shared;

    private OrderPipelineStack() {
    }

    /** The running stack; the test is skipped (not failed) while a function's zip is not built. */
    static synchronized LocalStack get() {
        if (shared == null) {
            Path root = RepositoryRoot.locate();
            Path template = RepositoryRoot.template(root);
            for (SamTemplate.Function function : SamTemplate.read(template).functions()) {
                Path zip = template.getParent().resolve(function.codeUri()).normalize();
                Assumptions.assumeTrue(Files.isRegularFile(zip), () -> zip + " is not built (./mvnw -q install "
                        + "-DskipTests -pl functions/... -am); skipping the tests that run the whole stack");
            }
            // One environment per function: a second one would be another cold start on two cores, for a handful
            // of orders one warm environment handles in moments.
            LocalStack stack = LocalStack.start(root, new LocalStack.Settings(0, 0, 0, SHOPIFY_SECRET,
                    Optional.empty(), SandboxErpFaults.none(), RunLocalOptions.LOCAL_PARAMETERS, Optional.empty(), 1,
                    Duration.ofSeconds(1), 0));
            try {
                warmUpTheOrderPath(stack);
            } catch (Exception e) {
                stack.close();
                throw new IllegalStateException("the order path's functions did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(OrderPipelineStack::stop, "order-pipeline-stack-stop"));
            shared = stack;
        }
        return shared;
    }

    /**
     * Starts one environment of each function an order passes through, all at once, as {@link LocalStack#warmUp}
     * does for every function: the inventory publishers, the operator API and the watchdog stay cold (two cores).
     */
    private static void warmUpTheOrderPath(LocalStack stack) throws Exception {
        List<CompletableFuture<?>> warming = new ArrayList<>();
        for (String function : List.of("MapFunction", "DedupeFunction", "PostToErpFunction")) {
            warming.add(stack.functions().get(function).invoke("{\"Records\":[]}"));
        }
        // Ingest serves the listing lookup too: an unknown SKU is a harmless 404.
        warming.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(stack.api().baseUri()
                + "/v1/listings/WARM-UP")).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.discarding()));
        CompletableFuture.allOf(warming.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    /** Stops the stack once every user has released it. */
    static synchronized void release(Class<?> user) {
        RELEASED.add(user);
        if (RELEASED.containsAll(USERS)) {
            stop();
        }
    }

    private static synchronized void stop() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** Posts a delivery to the stack's HTTP API as the marketplace (or our poller) would; returns the status. */
    static int post(LocalStack stack, Delivery delivery) throws Exception {
        HttpRequest request = delivery.request(stack.api().baseUri());
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The order's item in the order-state table, or empty while there is none. */
    static Map<String, AttributeValue> orderState(LocalStack stack, String orderKey) {
        String table = stack.stack().mergedEnvironment().get("ORDER_STATE_TABLE");
        return stack.dynamoDb().getItem(b -> b.tableName(table)
                .key(Map.of("orderKey", AttributeValue.fromS(orderKey))).consistentRead(true)).item();
    }

    static String status(Map<String, AttributeValue> item) {
        AttributeValue status = item.get("status");
        return status == null ? null : status.s();
    }

    /** The order's timeline entries as (step, traceId) maps, in order. */
    static List<Map<String, String>> timeline(Map<String, AttributeValue> item) {
        AttributeValue timeline = item.get("timeline");
        if (timeline == null || !timeline.hasL()) {
            return List.of();
        }
        return timeline.l().stream().filter(AttributeValue::hasM).map(entry -> {
            Map<String, String> fields = new LinkedHashMap<>();
            entry.m().forEach((name, value) -> {
                if (value.s() != null) {
                    fields.put(name, value.s());
                }
            });
            return fields;
        }).toList();
    }
}
