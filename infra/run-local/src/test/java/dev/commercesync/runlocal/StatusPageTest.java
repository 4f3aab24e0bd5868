package dev.commercesync.runlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.localstack.RepositoryRoot;
import dev.commercesync.localstack.SamTemplate;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.model.state.ProcessingState;
import dev.commercesync.runlocal.demo.DemoFeed;
import dev.commercesync.runlocal.demo.DemoOptions;
import dev.commercesync.runlocal.demo.Delivery;
import dev.commercesync.runlocal.demo.Expectation;
import dev.commercesync.runlocal.erp.SandboxErpFaults;
import dev.commercesync.runlocal.esm.SqsEventSourceMapping;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page as a browser shows it: the real local stack with a few orders through it (one that fails mapping),
 * one listing on the sandbox Shopify put out of sync behind the pipeline's back, then {@code /status} rendered by
 * headless Chromium and every figure on it compared with what SQS and DynamoDB say when asked directly.
 *
 * <p>Chromium only ever loads 127.0.0.1: its background services are switched off and every host name but
 * 127.0.0.1 resolves to nothing.
 */
class StatusPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String SECRET = RunLocalOptions.DEVELOPMENT_SHOPIFY_SECRET;
    /** A SKU of this test's own, so the listing's figures are only what the test did. */
    private static final String SKU = "STATUS-PAGE-SKU-1";
    private static final String ITEM = "gid://shopify/InventoryItem/99000001";
    private static final long ON_HAND = 7;
    private static final long SHOWN_BEHIND_OUR_BACK = 12;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalStack stack;
    private static DemoFeed feed;

    @BeforeAll
    static void startTheStackAndPushOrders() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing (CI: apt-get install chromium)");
        Path root = RepositoryRoot.locate();
        SamTemplate template = SamTemplate.read(RepositoryRoot.template(root));
        for (SamTemplate.Function function : template.functions()) {
            Path zip = RepositoryRoot.template(root).getParent().resolve(function.codeUri()).normalize();
            Assumptions.assumeTrue(Files.isRegularFile(zip), zip + " is not built; run the full ./mvnw verify");
        }
        stack = LocalStack.start(root, new LocalStack.Settings(0, 0, 0, SECRET, Optional.empty(),
                SandboxErpFaults.none(), RunLocalOptions.LOCAL_PARAMETERS, Optional.empty(), 1, Duration.ofSeconds(1)));
        stack.warmUp(Duration.ofSeconds(120));

        feed = DemoFeed.generate(new DemoOptions(6, 4, 0, 0, 0, 0.2, SECRET));
        for (Delivery delivery : feed.deliveries()) {
            assertThat(post(delivery)).as("ingest took %s", delivery).isEqualTo(202);
        }
        listOnShopifyAndSendStock();
        awaitOrdersSettled(feed.deliveries().stream().map(Delivery::orderKey).distinct().toList());
        awaitListingConfirmed();
        // Someone edits the listing on Shopify by hand: drift the pipeline has not seen.
        stack.marketplaces().seedShopifyItem(InventoryDemo.SHOP, SKU, ITEM, InventoryDemo.LOCATION,
                SHOWN_BEHIND_OUR_BACK);
        awaitQueuesIdle();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void everyFigureOnThePageIsWhatTheStackHolds() throws Exception {
        Map<String, List<Long>> queuesBefore = queueAttributes();
        Map<String, Long> statesBefore = statesByScan();

        Document page = render(stack.api().baseUri() + "/status");

        assertThat(queueAttributes()).as("the stack stayed idle while the page was read").isEqualTo(queuesBefore);
        assertThat(statesByScan()).isEqualTo(statesBefore);
        assertThat(Integer.parseInt(figure(page, "status-polls"))).as("the page polled data.json").isPositive();
        assertThat(page.getElementById("status-error").text()).isEmpty();

        // Every queue of the provisioned stack, with its dead-letter queue's count where it has one.
        SamTemplate template = stack.stack().template();
        for (SamTemplate.Queue queue : template.queues()) {
            boolean isDeadLetterQueue = template.queues().stream().anyMatch(q -> q.redrive()
                    .filter(r -> r.deadLetterQueueLogicalId().equals(queue.logicalId())).isPresent());
            if (isDeadLetterQueue) {
                continue;
            }
            String id = queue.logicalId();
            List<Long> attributes = queuesBefore.get(id);
            assertThat(figure(page, "queue-depth-" + id)).as("depth of %s", id)
                    .isEqualTo(Long.toString(attributes.get(0)));
            assertThat(figure(page, "queue-inflight-" + id)).as("in flight on %s", id)
                    .isEqualTo(Long.toString(attributes.get(1)));
            if (queue.redrive().isPresent()) {
                List<Long> dlq = queuesBefore.get(queue.redrive().get().deadLetterQueueLogicalId());
                assertThat(figure(page, "queue-dlq-" + id)).as("DLQ of %s", id)
                        .isEqualTo(Long.toString(dlq.get(0) + dlq.get(1)));
            }
        }
        assertThat(page.select("[data-testid=lane]").first().select("[data-testid^=box-]").eachAttr("data-testid"))
                .as("the order chain, from the template")
                .containsSubsequence("box-OrdersHttpApi", "box-IngestFunction", "box-OrderIntakeQueue",
                        "box-MapFunction", "box-CanonicalOrderQueue", "box-DedupeFunction", "box-ErpPostingQueue",
                        "box-PostToErpFunction", "box-external-ERP");
        assertThat(page.select("[data-testid=lane]").get(1).select("[data-testid^=box-]").eachAttr("data-testid"))
                .as("the inventory chain, from the template")
                .containsSubsequence("box-InventoryQueue", "box-PublishInventoryFunction", "box-ShopifyInventoryQueue",
                        "box-external-shopify");

        // Orders by state: the page's counts are a scan of the order-state table.
        for (ProcessingState state : ProcessingState.values()) {
            assertThat(figure(page, "state-count-" + state.name())).as("orders %s", state)
                    .isEqualTo(Long.toString(statesBefore.getOrDefault(state.name(), 0L)));
        }
        long orders = statesBefore.values().stream().mapToLong(Long::longValue).sum();
        assertThat(figure(page, "state-count-total")).isEqualTo(Long.toString(orders));
        assertThat(statesBefore).containsEntry("POSTED", 5L).containsEntry("MAPPING_FAILED", 1L);

        // Latency: every posted order measured once, each in one bucket.
        long bucketed = page.select("[data-testid^=latency-bucket-]").stream()
                .mapToLong(e -> Long.parseLong(e.text())).sum();
        assertThat(figure(page, "latency-measured")).isEqualTo(Long.toString(statesBefore.get("POSTED")));
        assertThat(bucketed).isEqualTo(statesBefore.get("POSTED"));

        // The order that failed mapping is among the exceptions, with its reason.
        String failed = feed.deliveries().stream().filter(d -> d.expectation() == Expectation.NON_RECONCILING)
                .findFirst().orElseThrow().orderKey();
        Element exception = page.select("[data-testid=exception-row]").stream()
                .filter(row -> row.attr("data-order-key").equals(failed)).findFirst().orElse(null);
        assertThat(exception).as("exception row of %s", failed).isNotNull();
        assertThat(exception.selectFirst("[data-testid=exception-type]").text()).isEqualTo("MAPPING_FAILED");
        assertThat(exception.selectFirst("[data-testid=exception-reason]").text()).isNotBlank();
        assertThat(exception.selectFirst("[data-testid=exception-at]").text()).isNotBlank();

        // Drift: the hand-edited listing, against the target the inventory table holds.
        long target = shopifyTarget();
        assertThat(target).isEqualTo(ON_HAND);
        assertThat(page.getElementById("drift-status").attr("data-checked")).isEqualTo("true");
        assertThat(figure(page, "drift-listings")).isEqualTo("1");
        assertThat(figure(page, "drift-drifted")).isEqualTo("1");
        Element drifted = page.selectFirst("[data-testid=drift-row]");
        assertThat(drifted.select("td").eachText()).containsExactly(SKU, "shopify", InventoryDemo.SHOP,
                Long.toString(SHOWN_BEHIND_OUR_BACK), Long.toString(target));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theTraceViewShowsAPostedOrdersTimelineAndSpans() throws Exception {
        Delivery posted = feed.deliveries().stream().filter(d -> d.expectation() == Expectation.ACCEPTED_NEW_ORDER)
                .filter(d -> d.channel() == SalesChannel.SHOPIFY).findFirst().orElseThrow();
        String orderKey = posted.orderKey();
        String asked = orderKey.replaceFirst(":", "/");
        // The spans of the last hop are exported as post-to-erp finishes: give the collector a moment.
        stack.traceCollector().awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(10));

        Document page = render(stack.api().baseUri() + "/status?order=" + asked);

        assertThat(figure(page, "trace-order")).isEqualTo(orderKey);
        assertThat(figure(page, "trace-status")).isEqualTo("POSTED");
        assertThat(page.getElementById("trace-order-input").val()).isEqualTo(asked);
        assertThat(page.select("[data-testid=timeline-step]").eachAttr("data-step"))
                .containsSubsequence("RECEIVED", "MAPPED", "ACCEPTED", "POSTED");
        List<Element> spans = page.select("[data-testid=trace-span]");
        // By function, whether a service is named like its logical id (IngestFunction) or its module (dedupe).
        List<String> services = spans.stream().map(s -> s.attr("data-service").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z]", "")).distinct().toList();
        for (String function : List.of("ingest", "map", "dedupe", "posttoerp")) {
            assertThat(services).as("spans of %s among %s", function, spans.stream()
                            .map(r -> r.attr("data-service") + " " + r.attr("data-name")).toList())
                    .anyMatch(service -> service.startsWith(function));
        }
        assertThat(figure(page, "trace-span-count")).isEqualTo(Integer.toString(spans.size()));
        for (Element span : spans) {
            assertThat(span.selectFirst("[data-testid=span-name]").text()).isNotBlank();
            assertThat(Double.parseDouble(span.selectFirst("[data-testid=span-start-ms]").text())).isNotNegative();
            assertThat(Double.parseDouble(span.selectFirst("[data-testid=span-duration-ms]").text())).isNotNegative();
        }
        assertThat(spans.stream().filter(s -> !"—".equals(s.selectFirst("[data-testid=span-parent]").text())))
                .as("child spans name their parent").isNotEmpty();
    }

    // -------------------------------------------------------------------------------------------------- Chromium

    /** The DOM after the page's script ran (8 s of virtual time: several polls), parsed. */
    private static Document render(String url) throws IOException, InterruptedException {
        assertThat(URI.create(url).getHost()).isEqualTo("127.0.0.1");
        Path profile = Files.createTempDirectory("status-page-chromium");
        Path errors = profile.resolve("stderr.txt");
        try {
            Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--dump-dom", "--virtual-time-budget=8000",
                    "--user-data-dir=" + profile.resolve("profile"),
                    // Nothing but this machine: no Google services, no updates, no metrics, no DNS but 127.0.0.1.
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                    "--metrics-recording-only", "--disable-breakpad", "--disable-domain-reliability",
                    "--disable-client-side-phishing-detection", "--no-pings",
                    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,"
                            + "CertificateTransparencyComponentUpdater",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    url)
                    .redirectError(errors.toFile())
                    .start();
            chromium.getOutputStream().close();
            byte[] dom = chromium.getInputStream().readAllBytes();
            assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
            assertThat(chromium.exitValue()).as("chromium exit; stderr: %s", Files.readString(errors)).isZero();
            return Jsoup.parse(new String(dom, StandardCharsets.UTF_8), url);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String figure(Document page, String testId) {
        Element element = page.selectFirst("[data-testid=" + testId + "]");
        assertThat(element).as("element %s on the page", testId).isNotNull();
        return element.text();
    }

    // ------------------------------------------------------------------------------- the stack, read directly

    /** Logical id → [visible, not visible, delayed]. */
    private static Map<String, List<Long>> queueAttributes() {
        Map<String, List<Long>> attributes = new TreeMap<>();
        stack.stack().queues().forEach((id, address) -> {
            Map<QueueAttributeName, String> a = stack.sqs().getQueueAttributes(b -> b.queueUrl(address.url())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            attributes.put(id, List.of(Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                    Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
                    Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))));
        });
        return attributes;
    }

    private static Map<String, Long> statesByScan() {
        Map<String, Long> states = new TreeMap<>();
        scan(table("ORDER_STATE_TABLE"), item -> states.merge(
                item.containsKey("status") ? item.get("status").s() : "NONE", 1L, Long::sum));
        return states;
    }

    private static Map<String, String> statusesByScan() {
        Map<String, String> statuses = new HashMap<>();
        scan(table("ORDER_STATE_TABLE"), item -> statuses.put(item.get("orderKey").s(),
                item.containsKey("status") ? item.get("status").s() : null));
        return statuses;
    }

    private static Optional<Map<String, AttributeValue>> shopifyListing() {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        scan(table("INVENTORY_TABLE"), item -> {
            if (item.get("sku").s().equals(SKU) && item.get("record").s().startsWith("LISTING#shopify#")) {
                found.add(item);
            }
        });
        return found.stream().findFirst();
    }

    private static long shopifyTarget() {
        return Long.parseLong(shopifyListing().orElseThrow().get("targetQuantity").n());
    }

    private static String table(String variable) {
        return stack.stack().template().functions().stream()
                .map(f -> stack.stack().environmentOf(f.logicalId()).get(variable))
                .filter(name -> name != null && !name.isBlank()).findFirst().orElseThrow();
    }

    private static void scan(String table, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = stack.dynamoDb().scan(b -> b.tableName(table).consistentRead(true)
                    .exclusiveStartKey(from));
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    // --------------------------------------------------------------------------------------------- the traffic

    private static int post(Delivery delivery) throws IOException, InterruptedException {
        HttpRequest request = delivery.request(stack.api().baseUri());
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void listOnShopifyAndSendStock() throws IOException, InterruptedException {
        stack.marketplaces().seedShopifyItem(InventoryDemo.SHOP, SKU, ITEM, InventoryDemo.LOCATION, 0);
        ObjectNode listings = JSON.createObjectNode();
        ObjectNode shopify = listings.putArray("listings").addObject().put("channel", "shopify")
                .put("account", InventoryDemo.SHOP).put("inventoryItemId", ITEM)
                .put("locationId", InventoryDemo.LOCATION);
        shopify.putObject("rule").put("bufferUnits", 0).put("allocationPercent", 100);
        assertThat(send("PUT", "/v1/listings/" + SKU, JSON.writeValueAsString(listings))).isEqualTo(200);
        ArrayNode figures = JSON.createArrayNode();
        figures.addObject().put("sku", SKU).put("onHand", ON_HAND).put("reserved", 0).put("sequence", 1)
                .put("asOf", Instant.now().toString()).put("source", "status-page-test");
        assertThat(send("POST", "/v1/inventory-events", JSON.writeValueAsString(figures))).isEqualTo(202);
    }

    private static int send(String method, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.api().baseUri() + path))
                .timeout(Duration.ofSeconds(35)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitOrdersSettled(List<String> orderKeys) throws InterruptedException {
        Set<String> settled = Set.of("POSTED", "MAPPING_FAILED", "ERP_REJECTED");
        await("every order settled", () -> {
            Map<String, String> statuses = statusesByScan();
            return orderKeys.stream().allMatch(k -> statuses.get(k) != null && settled.contains(statuses.get(k)));
        });
    }

    private static void awaitListingConfirmed() throws InterruptedException {
        await("the Shopify listing confirmed", () -> shopifyListing().filter(item -> item.containsKey("shownRevision")
                && item.get("shownRevision").n().equals(item.get("targetRevision").n())).isPresent());
    }

    /** Nothing on any queue and no batch under way, three times in a row half a second apart. */
    private static void awaitQueuesIdle() throws InterruptedException {
        int[] quiet = {0};
        await("the queues idle", () -> {
            boolean idle = queueAttributes().values().stream().allMatch(a -> a.stream().mapToLong(n -> n).sum() == 0)
                    && stack.mappings().stream().map(SqsEventSourceMapping::stats).allMatch(s -> s.inFlight() == 0);
            quiet[0] = idle ? quiet[0] + 1 : 0;
            return quiet[0] >= 3;
        });
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 60 s", what).isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
