package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's Admin GraphQL API, 2026-04, as far as the wire contract uses it: the {@code inventorySetQuantities}
 * mutation (compare-and-set on {@code changeFromQuantity}, {@code @idempotent} keys) and the
 * {@code inventoryItem(id:) { inventoryLevel(locationId:) { quantities } }} query, served at
 * {@code POST /shopify/{shop}/admin/api/2026-04/graphql.json}. The sandbox is no GraphQL engine: it recognises
 * the two operations by their text, reads their arguments from the variables the text names, and answers with the
 * fields the contract's operations select. Anything else is answered as unsupported.
 * <p>
 * Per shop: an access token ({@code X-Shopify-Access-Token}, else 401), a cost bucket (10 points a call; empty
 * answers {@code THROTTLED}), inventory items (each with its SKU) stocked at locations with an available quantity.
 */
final class ShopifyAdminGraphql implements SandboxChannel {

    static final String API_VERSION = "2026-04";
    static final String API_PATH = "/admin/api/" + API_VERSION + "/graphql.json";
    /** What every call costs in the sandbox, as the contract's cost model says. */
    static final double QUERY_COST = 10;

    private static final long MAX_QUANTITY = 1_000_000_000L;
    private static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/[0-9]+");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/[0-9]+");
    private static final Pattern SET_MUTATION = Pattern.compile("\\bmutation\\b[\\s\\S]*\\binventorySetQuantities\\s*\\(");
    private static final Pattern INPUT_ARGUMENT =
            Pattern.compile("\\binventorySetQuantities\\s*\\(\\s*input\\s*:\\s*\\$(\\w+)\\s*\\)");
    private static final Pattern IDEMPOTENT =
            Pattern.compile("@idempotent\\s*\\(\\s*key\\s*:\\s*(?:\\$(\\w+)|\"([^\"\\\\]*)\")\\s*\\)");
    private static final Pattern ITEM_QUERY =
            Pattern.compile("\\binventoryItem\\s*\\(\\s*id\\s*:\\s*(?:\\$(\\w+)|\"([^\"\\\\]*)\")\\s*\\)");
    private static final Pattern LEVEL_ARGUMENT =
            Pattern.compile("\\binventoryLevel\\s*\\(\\s*locationId\\s*:\\s*(?:\\$(\\w+)|\"([^\"\\\\]*)\")\\s*\\)");
    /** The reasons Shopify accepts for a quantity change. */
    private static final Set<String> REASONS = Set.of("correction", "cycle_count_available", "damaged",
            "movement_canceled", "movement_created", "movement_received", "movement_updated", "other", "promotion",
            "quality_control", "received", "reservation_created", "reservation_deleted", "reservation_updated",
            "restock", "safety_stock", "shrinkage");
    private static final String STALE = "CHANGE_FROM_QUANTITY_STALE";

    /** One shop's inventory. Guarded by the {@link ShopifyAdminGraphql} instance. */
    private static final class Shop {
        final Map<String, String> skuByItem = new HashMap<>();
        /** available by {@code itemGid + " @ " + locationGid}, in seeding order. */
        final Map<String, Long> available = new LinkedHashMap<>();
        final Map<String, Replay> replays = new HashMap<>();
    }

    /** The first outcome of an idempotency key, with the input it was for. */
    private record Replay(JsonNode input, ObjectNode payload) {
    }

    private final ObjectMapper json;
    private final SandboxMarketplacesConfig.Shopify config;
    private final TokenBuckets costBuckets;
    private final ChannelCounters counters = new ChannelCounters();
    private final Map<String, Shop> shops = new LinkedHashMap<>();
    private final AtomicLong adjustmentGroups = new AtomicLong(900_000_000L);

    ShopifyAdminGraphql(ObjectMapper json, SandboxMarketplacesConfig.Shopify config, Clock clock) {
        this.json = json;
        this.config = config;
        this.costBuckets = new TokenBuckets(config.maximumAvailable(), config.restoreRate(), clock);
    }

    @Override
    public SalesChannel channel() {
        return SalesChannel.SHOPIFY;
    }

    @Override
    public ChannelCounters counters() {
        return counters;
    }

    @Override
    public boolean isTokenCall(Call call) {
        return false; // Shopify's Admin API tokens are issued at app install, not by a token endpoint
    }

    // ---- seeding and checks ----

    synchronized void seed(String shop, String sku, String inventoryItemGid, String locationGid, long available) {
        SandboxChannel.requireNotBlank(shop, "shop");
        SandboxChannel.requireNotBlank(sku, "sku");
        if (inventoryItemGid == null || !ITEM_GID.matcher(inventoryItemGid).matches()) {
            throw new IllegalArgumentException("inventoryItemGid must be gid://shopify/InventoryItem/<id>: "
                    + inventoryItemGid);
        }
        if (locationGid == null || !LOCATION_GID.matcher(locationGid).matches()) {
            throw new IllegalArgumentException("locationGid must be gid://shopify/Location/<id>: " + locationGid);
        }
        if (available < 0 || available > MAX_QUANTITY) {
            throw new IllegalArgumentException("available must be 0.." + MAX_QUANTITY + ": " + available);
        }
        Shop inventory = shops.computeIfAbsent(shop, s -> new Shop());
        String knownSku = inventory.skuByItem.get(inventoryItemGid);
        if (knownSku != null && !knownSku.equals(sku)) {
            throw new IllegalArgumentException(inventoryItemGid + " of " + shop + " is SKU " + knownSku
                    + " already, not " + sku);
        }
        inventory.skuByItem.put(inventoryItemGid, sku);
        inventory.available.put(level(inventoryItemGid, locationGid), available);
    }

    @Override
    public ObjectNode seed(JsonNode listing) {
        String shop = SandboxChannel.requireText(listing, "shop");
        String sku = SandboxChannel.requireText(listing, "sku");
        String item = SandboxChannel.requireText(listing, listing.has("inventoryItemGid") ? "inventoryItemGid"
                : "inventoryItemId");
        String location = SandboxChannel.requireText(listing, listing.has("locationGid") ? "locationGid"
                : "locationId");
        long available = SandboxChannel.requireQuantity(listing, "available");
        seed(shop, sku, item, location, available);
        return json.createObjectNode().put("shop", shop).put("sku", sku).put("inventoryItemGid", item)
                .put("locationGid", location).put("available", available);
    }

    @Override
    public synchronized OptionalLong quantity(String sku, String account, String locationId) {
        long total = 0;
        boolean found = false;
        for (Map.Entry<String, Shop> shop : shops.entrySet()) {
            if (account != null && !account.equals(shop.getKey())) {
                continue;
            }
            for (Map.Entry<String, Long> level : shop.getValue().available.entrySet()) {
                String[] itemAndLocation = level.getKey().split(" @ ", 2);
                if (sku.equals(shop.getValue().skuByItem.get(itemAndLocation[0]))
                        && (locationId == null || locationId.equals(itemAndLocation[1]))) {
                    total += level.getValue();
                    found = true;
                }
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    @Override
    public synchronized ObjectNode credentials() {
        ObjectNode accounts = json.createObjectNode();
        shops.keySet().forEach(shop -> accounts.putObject(shop).put("accessToken", config.accessToken(shop)));
        return accounts;
    }

    // ---- the API ----

    @Override
    public Answer handle(Call call) {
        List<String> segments = call.segmentsAfter(prefix());
        String shop = segments.isEmpty() ? "" : segments.get(0);
        String rest = "/" + String.join("/", segments.subList(Math.min(1, segments.size()), segments.size()));
        if (segments.isEmpty() || !rest.equals(API_PATH)) {
            return shopifyError(404, "Not Found");
        }
        if (!call.method().equals("POST")) {
            return shopifyError(405, "Method Not Allowed: POST the GraphQL document").withHeader("Allow", "POST");
        }
        synchronized (this) {
            if (!shops.containsKey(shop)) {
                return shopifyError(404, "Not Found: the sandbox has no shop " + shop + "; seed it first");
            }
        }
        if (!config.accessToken(shop).equals(call.header().apply("X-Shopify-Access-Token"))) {
            return shopifyError(401, "[API] Invalid API key or access token (unrecognized login or wrong password)");
        }
        JsonNode request;
        try {
            request = json.readTree(call.body());
        } catch (IOException e) {
            return shopifyError(400, "the body is not JSON: " + e.getMessage());
        }
        if (request == null || !request.isObject() || !request.path("query").isTextual()) {
            return shopifyError(400, "Parameter Missing or Invalid: send {\"query\": ..., \"variables\": {...}}");
        }
        String query = request.get("query").textValue();
        JsonNode variables = request.path("variables");
        boolean mutation = SET_MUTATION.matcher(query).find();
        if (!mutation && !ITEM_QUERY.matcher(query).find()) {
            counters.rejected.increment();
            return graphqlErrors(null, "unsupported by the sandbox");
        }
        TokenBuckets.Admission cost = costBuckets.take(shop, QUERY_COST);
        if (!cost.admitted()) {
            counters.throttled.increment();
            return throttled(cost.available());
        }
        ObjectNode response = mutation ? setQuantities(shop, query, variables) : readQuantity(shop, query, variables);
        response.putObject("extensions").set("cost", cost(QUERY_COST, cost.available()));
        return Answer.json(json, 200, response);
    }

    @Override
    public Answer outage() {
        return shopifyError(503, "Service Unavailable (sandbox outage)");
    }

    @Override
    public Answer throttleStorm(Call call) {
        return throttled(0);
    }

    private ObjectNode setQuantities(String shop, String query, JsonNode variables) {
        Matcher inputArgument = INPUT_ARGUMENT.matcher(query);
        if (!inputArgument.find()) {
            counters.rejected.increment();
            return errorBody("the sandbox reads inventorySetQuantities' input from a variable: "
                    + "inventorySetQuantities(input: $input)", "BAD_REQUEST");
        }
        JsonNode input = variables.path(inputArgument.group(1));
        Matcher idempotent = IDEMPOTENT.matcher(query);
        String key = null;
        if (idempotent.find()) {
            key = idempotent.group(1) != null ? variables.path(idempotent.group(1)).textValue() : idempotent.group(2);
        }
        if (key == null || key.isBlank()) {
            counters.rejected.increment();
            return errorBody("inventorySetQuantities requires the @idempotent(key:) directive from API version "
                    + API_VERSION + " on", "BAD_REQUEST");
        }
        if (!input.isObject() || !input.path("quantities").isArray() || input.get("quantities").isEmpty()) {
            counters.rejected.increment();
            return errorBody("Variable $" + inputArgument.group(1) + " of type InventorySetQuantitiesInput! was "
                    + "provided invalid value: quantities must list at least one quantity", "INVALID_VARIABLE");
        }
        ObjectNode payload;
        synchronized (this) {
            Shop inventory = shops.get(shop);
            Replay first = inventory.replays.get(key);
            if (first != null) {
                if (first.input().equals(input)) {
                    return data(first.payload().deepCopy()); // answered before: nothing applied again
                }
                counters.rejected.increment();
                ArrayNode errors = json.createArrayNode();
                errors.add(userError(null, "The same idempotency key cannot be used with different operation "
                        + "parameters.", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"));
                return data(payload(null, errors));
            }
            payload = apply(inventory, input);
            inventory.replays.put(key, new Replay(input.deepCopy(), payload.deepCopy()));
        }
        return data(payload);
    }

    /** Checks every quantity first and applies all or nothing. Called holding the lock. */
    private ObjectNode apply(Shop inventory, JsonNode input) {
        ArrayNode errors = json.createArrayNode();
        if (!"available".equals(input.path("name").textValue())) {
            errors.add(userError(List.of("input", "name"), "The quantity name must be 'available' in the sandbox.",
                    "INVALID_NAME"));
        }
        if (!REASONS.contains(input.path("reason").textValue())) {
            errors.add(userError(List.of("input", "reason"), "The specified reason is invalid.", "INVALID_REASON"));
        }
        JsonNode quantities = input.get("quantities");
        Map<String, Long> changes = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < quantities.size(); i++) {
            JsonNode quantity = quantities.get(i);
            String index = Integer.toString(i);
            String item = quantity.path("inventoryItemId").textValue();
            String location = quantity.path("locationId").textValue();
            JsonNode target = quantity.path("quantity");
            if (item == null || location == null || !target.isIntegralNumber()) {
                errors.add(userError(List.of("input", "quantities", index), "inventoryItemId, locationId and an "
                        + "integer quantity are required.", "INVALID_INVENTORY_ITEM"));
                continue;
            }
            long wanted = target.longValue();
            if (wanted < 0) {
                errors.add(userError(List.of("input", "quantities", index, "quantity"),
                        "The quantity can't be negative.", "INVALID_QUANTITY_NEGATIVE"));
            } else if (wanted > MAX_QUANTITY) {
                errors.add(userError(List.of("input", "quantities", index, "quantity"),
                        "The total quantity can't be higher than 1,000,000,000.", "INVALID_QUANTITY_TOO_HIGH"));
            }
            if (!quantity.has("changeFromQuantity")) {
                errors.add(userError(List.of("input", "quantities", index, "changeFromQuantity"),
                        "changeFromQuantity must be given for each quantity (null to skip the check).",
                        "COMPARE_QUANTITY_REQUIRED"));
            }
            if (!inventory.skuByItem.containsKey(item)) {
                errors.add(userError(List.of("input", "quantities", index, "inventoryItemId"),
                        "The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM"));
                continue;
            }
            Long current = inventory.available.get(level(item, location));
            if (current == null) {
                errors.add(userError(List.of("input", "quantities", index, "locationId"),
                        "The specified inventory item is not stocked at the location.",
                        "ITEM_NOT_STOCKED_AT_LOCATION"));
                continue;
            }
            if (!seen.add(level(item, location))) {
                errors.add(userError(List.of("input", "quantities", index), "The combination of inventoryItemId "
                        + "and locationId must be unique.", "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"));
                continue;
            }
            JsonNode changeFrom = quantity.path("changeFromQuantity");
            if (changeFrom.isIntegralNumber() && changeFrom.longValue() != current) {
                errors.add(userError(List.of("input", "quantities", index, "changeFromQuantity"),
                        "The specified compare quantity does not match the current quantity.", STALE));
            } else if (!changeFrom.isMissingNode() && !changeFrom.isNull() && !changeFrom.isIntegralNumber()) {
                errors.add(userError(List.of("input", "quantities", index, "changeFromQuantity"),
                        "changeFromQuantity must be an integer or null.", "COMPARE_QUANTITY_REQUIRED"));
            }
            changes.put(level(item, location), wanted);
        }
        if (!errors.isEmpty()) {
            boolean onlyStale = true;
            for (JsonNode error : errors) {
                onlyStale &= STALE.equals(error.path("code").textValue());
            }
            (onlyStale ? counters.casConflicts : counters.rejected).increment();
            return payload(null, errors);
        }
        inventory.available.putAll(changes);
        counters.updatesApplied.add(changes.size());
        return payload("gid://shopify/InventoryAdjustmentGroup/" + adjustmentGroups.incrementAndGet(), errors);
    }

    private ObjectNode readQuantity(String shop, String query, JsonNode variables) {
        String item = argument(ITEM_QUERY, query, variables);
        String location = argument(LEVEL_ARGUMENT, query, variables);
        if (item == null || location == null) {
            counters.rejected.increment();
            return errorBody("the sandbox answers inventoryItem(id:) { inventoryLevel(locationId:) { quantities } } "
                    + "with both ids given", "INVALID_VARIABLE");
        }
        ObjectNode data = json.createObjectNode();
        synchronized (this) {
            Shop inventory = shops.get(shop);
            if (!inventory.skuByItem.containsKey(item)) {
                data.putNull("inventoryItem");
            } else {
                Long available = inventory.available.get(level(item, location));
                ObjectNode inventoryItem = data.putObject("inventoryItem");
                if (available == null) {
                    inventoryItem.putNull("inventoryLevel");
                } else {
                    inventoryItem.putObject("inventoryLevel").putArray("quantities").addObject()
                            .put("name", "available").put("quantity", available);
                }
            }
        }
        ObjectNode response = json.createObjectNode();
        response.set("data", data);
        return response;
    }

    private static String argument(Pattern pattern, String query, JsonNode variables) {
        Matcher matcher = pattern.matcher(query);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? variables.path(matcher.group(1)).textValue() : matcher.group(2);
    }

    private ObjectNode data(ObjectNode payload) {
        ObjectNode response = json.createObjectNode();
        response.putObject("data").set("inventorySetQuantities", payload);
        return response;
    }

    private ObjectNode payload(String groupId, ArrayNode userErrors) {
        ObjectNode payload = json.createObjectNode();
        if (groupId == null) {
            payload.putNull("inventoryAdjustmentGroup");
        } else {
            payload.putObject("inventoryAdjustmentGroup").put("id", groupId);
        }
        payload.set("userErrors", userErrors);
        return payload;
    }

    private ObjectNode userError(List<String> field, String message, String code) {
        ObjectNode error = json.createObjectNode();
        if (field == null) {
            error.putNull("field");
        } else {
            ArrayNode path = error.putArray("field");
            field.forEach(path::add);
        }
        return error.put("message", message).put("code", code);
    }

    private Answer throttled(double currentlyAvailable) {
        ObjectNode body = errorBody("Throttled", "THROTTLED");
        body.putObject("extensions").set("cost", cost(null, currentlyAvailable));
        return Answer.json(json, 200, body);
    }

    private ObjectNode cost(Double actualQueryCost, double currentlyAvailable) {
        ObjectNode cost = json.createObjectNode().put("requestedQueryCost", (long) QUERY_COST);
        if (actualQueryCost == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actualQueryCost.longValue());
        }
        cost.putObject("throttleStatus")
                .put("maximumAvailable", costBuckets.capacity())
                .put("currentlyAvailable", Math.floor(currentlyAvailable * 10) / 10)
                .put("restoreRate", costBuckets.ratePerSecond());
        return cost;
    }

    private ObjectNode errorBody(String message, String code) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject().put("message", message);
        if (code != null) {
            error.putObject("extensions").put("code", code);
        }
        return body;
    }

    private Answer graphqlErrors(String code, String message) {
        return Answer.json(json, 200, errorBody(message, code));
    }

    /** Shopify's shape for errors outside GraphQL execution: {@code {"errors": "<text>"}}. */
    private Answer shopifyError(int status, String message) {
        return Answer.json(json, status, json.createObjectNode().put("errors", message));
    }

    private static String level(String itemGid, String locationGid) {
        return Objects.requireNonNull(itemGid) + " @ " + Objects.requireNonNull(locationGid);
    }
}
