package dev.commercesync.runlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.erp.SandboxSalesOrder;
import dev.commercesync.runlocal.lambda.Invocation;
import dev.commercesync.runlocal.lambda.LocalFunction;
import dev.commercesync.runlocal.marketplace.MarketplaceStats;
import dev.commercesync.runlocal.marketplace.SandboxMarketplaces;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inventory half of {@code ./run-local demo}. The retailer lists every SKU on the sandbox Shopify, Amazon and
 * eBay; the ERP's stock starts at a seeded figure per SKU and falls with every order the ERP holds; the ERP sends
 * its figures to {@code POST /v1/inventory-events} every second, some twice and some late (after a newer one), while
 * the orders' holds arrive from dedupe. At the end it sends one last figure per SKU, waits for the publishers, and
 * checks each channel against what it should show, worked out here independently of the functions' code.
 */
final class InventoryDemo {

    static final String SHOP = "commerce-sync-demo.myshopify.com";
    static final String SELLER = "A2DEMOSELLER01";
    static final String EBAY_ACCOUNT = "commerce-sync-demo";
    static final String MARKETPLACE = "ATVPDKIKX0DER";
    static final String LOCATION = "gid://shopify/Location/7001";
    private static final String DRIFT_FUNCTION = "InventoryDriftRepairFunction";

    /** The demo's listing rules: what the README calls "per-channel rules". */
    record Rule(int bufferUnits, int allocationPercent, Integer maxQuantity) {
        long offered(long sellable, long held) {
            long available = sellable - held - bufferUnits;
            if (available <= 0) {
                return 0;
            }
            long allocated = available * allocationPercent / 100;
            return maxQuantity == null ? allocated : Math.min(allocated, maxQuantity);
        }
    }

    static final Map<SalesChannel, Rule> RULES = Map.of(
            SalesChannel.SHOPIFY, new Rule(0, 100, null),
            SalesChannel.AMAZON, new Rule(2, 100, null),
            SalesChannel.EBAY, new Rule(1, 50, 25));

    private final LocalStack stack;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final double duplicateRate;
    private final double lateRate;
    private final List<String> skus;
    private final Map<String, Long> initialStock = new TreeMap<>();
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<ObjectNode> late = new ArrayList<>();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong eventsRefused = new AtomicLong();
    private ScheduledExecutorService feeder;

    InventoryDemo(LocalStack stack, PrintStream out, Set<String> skus, long seed, double duplicateRate,
                  double lateRate) {
        this.stack = stack;
        this.out = out;
        this.skus = skus.stream().sorted().toList();
        this.random = new Random(seed);
        this.duplicateRate = duplicateRate;
        this.lateRate = lateRate;
        for (String sku : this.skus) {
            initialStock.put(sku, 40L + random.nextInt(160));
        }
    }

    /**
     * What the demo retailer already has on each sandbox channel: every SKU listed, nothing in stock yet. Done when
     * the local stack starts, so the credentials the functions get cover these accounts.
     */
    static void seedMarketplaces(SandboxMarketplaces marketplaces, Set<String> catalogue) {
        List<String> sorted = catalogue.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            String sku = sorted.get(i);
            marketplaces.seedShopifyItem(SHOP, sku, shopifyItem(i), LOCATION, 0);
            marketplaces.seedAmazonListing(SELLER, sku, List.of(MARKETPLACE), 0);
            marketplaces.seedEbayItem(EBAY_ACCOUNT, sku, List.of(offerId(i)), 0);
        }
    }

    /** Lists every SKU in our listings (the sandbox channels have them already) and sends the ERP's opening figures. */
    void setUp() {
        for (int i = 0; i < skus.size(); i++) {
            putListings(skus.get(i), i);
        }
        sendFigures(true);
        out.printf("inventory: %d SKUs listed on Shopify, Amazon and eBay; ERP figures every second%n", skus.size());
    }

    void startFeed() {
        feeder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-stock-feed");
            thread.setDaemon(true);
            return thread;
        });
        feeder.scheduleWithFixedDelay(() -> {
            try {
                sendFigures(false);
            } catch (RuntimeException e) {
                out.println("stock feed: " + e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops the feed and sends the figure of every SKU as of now, after every order has reached the ERP. */
    void finish() throws InterruptedException {
        if (feeder != null) {
            feeder.shutdownNow();
            feeder.awaitTermination(5, TimeUnit.SECONDS);
        }
        synchronized (this) {
            late.clear();
        }
        // Past the hold-release margin of the last posting, so the final figures reflect every posted order.
        Thread.sleep(3_000);
        sendFigures(true);
    }

    /** Runs the scheduled drift check once, as the EventBridge schedule would, and returns its report. */
    String runDriftCheck() {
        LocalFunction function = stack.functions().get(DRIFT_FUNCTION);
        if (function == null) {
            return "{}";
        }
        try {
            Invocation result = function.invoke("{}").get(2, TimeUnit.MINUTES);
            return result instanceof Invocation.Success success ? success.payload() : String.valueOf(result);
        } catch (Exception e) {
            return "drift check failed: " + e.getMessage();
        }
    }

    /** What each channel shows against what it should show, and how the publishing went. */
    DemoSummary.Inventory summarise(List<StackState.OrderStateRow> orders) {
        Map<String, Long> onHand = erpOnHand();
        Map<String, Long> held = heldByUnpostedOrders(orders);
        long drift = 0;
        List<String> drifted = new ArrayList<>();
        for (String sku : skus) {
            long sellable = Math.max(0, onHand.get(sku));
            for (SalesChannel channel : SalesChannel.values()) {
                long expected = RULES.get(channel).offered(sellable, held.getOrDefault(sku, 0L));
                long shown = stack.marketplaces().quantity(channel, sku).orElse(-1);
                if (shown != expected) {
                    drift++;
                    drifted.add(channel.id() + " " + sku + " shows " + shown + ", should show " + expected);
                }
            }
        }
        if (!drifted.isEmpty()) {
            out.println("inventory drift: " + drifted);
        }
        Map<String, Long> publishes = new LinkedHashMap<>();
        Map<String, Long> throttled = new LinkedHashMap<>();
        for (SalesChannel channel : SalesChannel.values()) {
            MarketplaceStats stats = stack.marketplaces().stats(channel);
            publishes.put(channel.id(), stats.updatesApplied());
            throttled.put(channel.id(), stats.throttled());
        }
        DemoSummary.Percentiles lag = Percentile.of(publishLags());
        return new DemoSummary.Inventory(eventsSent.get(), publishes.values().stream().mapToLong(Long::longValue).sum(),
                publishes, throttled, new DemoSummary.LagPercentiles(lag.p50(), lag.p99()), drift);
    }

    private synchronized void sendFigures(boolean all) {
        Instant asOf = Instant.now();
        Map<String, Long> onHand = erpOnHand();
        ArrayNode batch = json.createArrayNode();
        List<ObjectNode> sentLate = new ArrayList<>(late);
        late.clear();
        for (String sku : skus) {
            long figure = onHand.get(sku);
            if (!all && Long.valueOf(figure).equals(lastSent.get(sku))) {
                continue;
            }
            lastSent.put(sku, figure);
            long sequence = sequences.merge(sku, 1L, Long::sum);
            ObjectNode event = json.createObjectNode().put("sku", sku).put("onHand", figure).put("reserved", 0)
                    .put("sequence", sequence).put("asOf", asOf.toString()).put("source", "sandbox-erp");
            if (!all && random.nextDouble() < lateRate) {
                // Held back and sent after the next figure: an out-of-order arrival the sequence must see through.
                late.add(event);
                continue;
            }
            batch.add(event);
            if (random.nextDouble() < duplicateRate) {
                batch.add(event.deepCopy());
            }
        }
        // The late ones go last, behind the newer figures of the same SKU.
        sentLate.forEach(batch::add);
        if (batch.isEmpty()) {
            return;
        }
        int status = send("POST", "/v1/inventory-events", batch);
        if (status == 202) {
            eventsSent.addAndGet(batch.size());
        } else {
            eventsRefused.addAndGet(batch.size());
            out.println("stock feed: /v1/inventory-events answered " + status);
        }
    }

    /** The sandbox ERP's stock: the opening figure less every unit of every order it holds, cancelled ones aside. */
    private Map<String, Long> erpOnHand() {
        Map<String, Long> onHand = new HashMap<>(initialStock);
        for (SandboxSalesOrder document : stack.erp().map(erp -> erp.documents()).orElse(List.of())) {
            if ("CANCELLED".equals(document.status())) {
                continue;
            }
            for (JsonNode line : read(document.salesOrderJson()).path("lines")) {
                onHand.computeIfPresent(line.path("sku").asText(), (sku, units) -> units - line.path("quantity").asLong());
            }
        }
        return onHand;
    }

    /** Units of orders dedupe accepted that never reached the ERP (pending, or refused by it): still held. */
    private Map<String, Long> heldByUnpostedOrders(List<StackState.OrderStateRow> orders) {
        Map<String, Long> held = new HashMap<>();
        for (StackState.OrderStateRow row : orders) {
            if (!"PENDING_ERP".equals(row.status()) && !"ERP_REJECTED".equals(row.status()) || row.orderJson() == null) {
                continue;
            }
            JsonNode order = read(row.orderJson());
            if ("CANCELLED".equals(order.path("status").asText())) {
                continue;
            }
            for (JsonNode line : order.path("lines")) {
                held.merge(line.path("sku").asText(), line.path("quantity").asLong(), Long::sum);
            }
        }
        return held;
    }

    private List<Long> publishLags() {
        String table = stack.stack().mergedEnvironment().get("INVENTORY_TABLE");
        List<Long> lags = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = stack.dynamoDb().scan(b -> b.tableName(table).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue recent = item.get("recentLagsMs");
                if (recent != null && recent.hasL()) {
                    recent.l().forEach(v -> lags.add(Long.parseLong(v.n())));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return lags;
    }

    private void putListings(String sku, int index) {
        ArrayNode listings = json.createArrayNode();
        listings.addObject().put("channel", "shopify").put("account", SHOP).put("inventoryItemId", shopifyItem(index))
                .put("locationId", LOCATION).set("rule", rule(SalesChannel.SHOPIFY));
        ObjectNode amazon = listings.addObject().put("channel", "amazon").put("account", SELLER);
        amazon.putArray("marketplaceIds").add(MARKETPLACE);
        amazon.set("rule", rule(SalesChannel.AMAZON));
        ObjectNode ebay = listings.addObject().put("channel", "ebay").put("account", EBAY_ACCOUNT);
        ebay.putArray("offerIds").add(offerId(index));
        ebay.set("rule", rule(SalesChannel.EBAY));
        ObjectNode body = json.createObjectNode();
        body.set("listings", listings);
        int status = send("PUT", "/v1/listings/" + sku, body);
        if (status != 200) {
            throw new IllegalStateException("PUT /v1/listings/" + sku + " answered " + status);
        }
    }

    private ObjectNode rule(SalesChannel channel) {
        Rule rule = RULES.get(channel);
        ObjectNode node = json.createObjectNode().put("bufferUnits", rule.bufferUnits())
                .put("allocationPercent", rule.allocationPercent());
        if (rule.maxQuantity() != null) {
            node.put("maxQuantity", rule.maxQuantity());
        }
        return node;
    }

    private int send(String method, String path, JsonNode body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.api().baseUri() + path))
                    .timeout(Duration.ofSeconds(35)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 599;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 599;
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String shopifyItem(int index) {
        return "gid://shopify/InventoryItem/" + (44_000_000L + index);
    }

    private static String offerId(int index) {
        return Long.toString(5_100_000_000L + index);
    }
}
