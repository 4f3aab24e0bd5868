package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * eBay's Sell Inventory API v1, as far as the wire contract uses it, under {@code /ebay}:
 * {@code POST /sell/inventory/v1/bulk_update_price_quantity} (at most 25 requests; one response per offer, or per SKU
 * without offers), {@code GET /sell/inventory/v1/inventory_item/{sku}}, and the OAuth
 * {@code POST /identity/v1/oauth2/token} (refresh-token grant, client authenticated by Basic auth). The account is
 * the one the bearer token was issued to (else 401); each account passes a token bucket (else 429,
 * {@code Retry-After}). Prices are accepted and ignored: the sandbox keeps quantities only.
 */
final class EbaySellInventory implements SandboxChannel {

    static final String TOKEN_PATH = "/identity/v1/oauth2/token";
    static final String BULK_PATH = "/sell/inventory/v1/bulk_update_price_quantity";
    static final String ITEM_PATH = "/sell/inventory/v1/inventory_item";
    static final String INVENTORY_SCOPE = "https://api.ebay.com/oauth/api_scope/sell.inventory";
    static final int MAX_REQUESTS = 25;

    private static final class Item {
        long shipToQuantity;
        final Map<String, Long> offers = new LinkedHashMap<>();

        Item(long shipToQuantity) {
            this.shipToQuantity = shipToQuantity;
        }
    }

    private final ObjectMapper json;
    private final SandboxMarketplacesConfig.Ebay config;
    private final TokenBuckets rateLimit;
    private final AccessTokens accessTokens;
    private final ChannelCounters counters = new ChannelCounters();
    /** By account, then SKU; guarded by this. */
    private final Map<String, Map<String, Item>> items = new LinkedHashMap<>();
    /** Account by refresh token; guarded by this. */
    private final Map<String, String> accountByRefreshToken = new HashMap<>();

    EbaySellInventory(ObjectMapper json, SandboxMarketplacesConfig.Ebay config, Clock clock) {
        this.json = json;
        this.config = config;
        this.rateLimit = new TokenBuckets(config.burst(), config.ratePerSecond(), clock);
        this.accessTokens = new AccessTokens("v^1.1#i^1#sandbox#", clock);
    }

    @Override
    public SalesChannel channel() {
        return SalesChannel.EBAY;
    }

    @Override
    public ChannelCounters counters() {
        return counters;
    }

    @Override
    public boolean isTokenCall(Call call) {
        return call.rawPath().equals(prefix() + TOKEN_PATH);
    }

    // ---- seeding and checks ----

    synchronized void seed(String account, String sku, List<String> offerIds, long quantity) {
        SandboxChannel.requireNotBlank(account, "account");
        SandboxChannel.requireNotBlank(sku, "sku");
        List<String> offers = offerIds == null ? List.of() : offerIds;
        if (offers.stream().anyMatch(o -> o == null || o.isBlank())) {
            throw new IllegalArgumentException("offerIds must not contain blanks");
        }
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be 0 or more: " + quantity);
        }
        Map<String, Item> accountItems = items.computeIfAbsent(account, a -> new LinkedHashMap<>());
        for (String offer : offers) {
            accountItems.forEach((otherSku, other) -> {
                if (!otherSku.equals(sku) && other.offers.containsKey(offer)) {
                    throw new IllegalArgumentException("offer " + offer + " of " + account + " belongs to SKU "
                            + otherSku + " already");
                }
            });
        }
        Item item = new Item(quantity);
        offers.forEach(offer -> item.offers.put(offer, quantity));
        accountItems.put(sku, item);
        accountByRefreshToken.put(config.refreshToken(account), account);
    }

    @Override
    public ObjectNode seed(JsonNode listing) {
        String account = SandboxChannel.requireText(listing, "account");
        String sku = SandboxChannel.requireText(listing, "sku");
        List<String> offerIds = listing.has("offerIds") ? SandboxChannel.requireTexts(listing, "offerIds") : List.of();
        long quantity = SandboxChannel.requireQuantity(listing, "quantity");
        seed(account, sku, offerIds, quantity);
        ObjectNode seeded = json.createObjectNode().put("account", account).put("sku", sku);
        offerIds.forEach(seeded.putArray("offerIds")::add);
        return seeded.put("quantity", quantity);
    }

    @Override
    public synchronized OptionalLong quantity(String sku, String account, String locationId) {
        long total = 0;
        boolean found = false;
        for (Map.Entry<String, Map<String, Item>> accountItems : items.entrySet()) {
            Item item = accountItems.getValue().get(sku);
            if (item != null && (account == null || account.equals(accountItems.getKey()))) {
                total += item.shipToQuantity;
                found = true;
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    /** The available quantity of one offer, as the last bulk update set it. */
    synchronized OptionalLong offerQuantity(String account, String offerId) {
        for (Item item : items.getOrDefault(account, Map.of()).values()) {
            Long quantity = item.offers.get(offerId);
            if (quantity != null) {
                return OptionalLong.of(quantity);
            }
        }
        return OptionalLong.empty();
    }

    @Override
    public synchronized void describe(String sku, String account, String locationId, ObjectNode into) {
        ObjectNode offers = json.createObjectNode();
        items.forEach((name, accountItems) -> {
            Item item = accountItems.get(sku);
            if (item != null && (account == null || account.equals(name))) {
                item.offers.forEach(offers::put);
            }
        });
        into.set("offers", offers);
    }

    @Override
    public synchronized ObjectNode credentials() {
        ObjectNode accounts = json.createObjectNode();
        items.keySet().forEach(account -> accounts.putObject(account)
                .put("clientId", config.clientId())
                .put("clientSecret", config.clientSecret())
                .put("refreshToken", config.refreshToken(account)));
        return accounts;
    }

    // ---- the API ----

    @Override
    public Answer handle(Call call) {
        String path = call.rawPath().substring(prefix().length());
        if (path.equals(TOKEN_PATH)) {
            return call.method().equals("POST") ? grantToken(call) : notAllowed("POST");
        }
        boolean bulk = path.equals(BULK_PATH);
        if (!bulk && !path.startsWith(ITEM_PATH + "/")) {
            return ebayError(404, 2002, "ACCESS", "Resource not found: the sandbox serves " + BULK_PATH + ", "
                    + ITEM_PATH + "/{sku} and " + TOKEN_PATH);
        }
        if (!call.method().equals(bulk ? "POST" : "GET")) {
            return notAllowed(bulk ? "POST" : "GET");
        }
        Optional<String> account = accessTokens.accountOf(bearer(call.header().apply("Authorization")));
        if (account.isEmpty()) {
            return ebayError(401, 1001, "OAuth", "Invalid access token. Check the value of the Authorization "
                    + "HTTP request header.");
        }
        TokenBuckets.Admission admission = rateLimit.take(account.get(), 1);
        if (!admission.admitted()) {
            counters.throttled.increment();
            return tooManyRequests(admission.retryAfterSeconds());
        }
        if (bulk) {
            return bulkUpdate(account.get(), call);
        }
        List<String> segments = call.segmentsAfter(prefix() + ITEM_PATH);
        if (segments.size() != 1) {
            return ebayError(404, 25710, "API_INVENTORY", "We didn't find the entity you are requesting.");
        }
        return inventoryItem(account.get(), segments.get(0));
    }

    @Override
    public Answer outage() {
        return ebayError(503, 2003, "ACCESS", "There was a problem with an eBay internal system or process "
                + "(sandbox outage).");
    }

    @Override
    public Answer throttleStorm(Call call) {
        return tooManyRequests(1);
    }

    private Answer bulkUpdate(String account, Call call) {
        JsonNode body;
        try {
            body = json.readTree(call.body());
        } catch (IOException e) {
            return ebayError(400, 2004, "ACCESS", "The request has errors: the body is not JSON");
        }
        if (body == null || !body.isObject() || !body.path("requests").isArray()) {
            return ebayError(400, 25709, "API_INVENTORY", "Invalid value for requests: send {\"requests\": [...]}");
        }
        JsonNode requests = body.get("requests");
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            return ebayError(400, 25709, "API_INVENTORY", "Invalid value for requests: between 1 and "
                    + MAX_REQUESTS + " SKUs per call, not " + requests.size());
        }
        ArrayNode responses = json.createArrayNode();
        synchronized (this) {
            Map<String, Item> accountItems = items.getOrDefault(account, Map.of());
            for (JsonNode request : requests) {
                update(accountItems, request, responses);
            }
        }
        for (JsonNode response : responses) {
            if (response.path("statusCode").asInt() >= 400) {
                counters.rejected.increment();
            }
        }
        ObjectNode answer = json.createObjectNode();
        answer.set("responses", responses);
        return Answer.json(json, 200, answer);
    }

    /**
     * One request of a bulk update: the ship-to quantity and each known offer are set; an unknown offer gets a 400
     * response of its own and leaves the rest applied, as eBay answers per offer. Called holding the lock.
     */
    private void update(Map<String, Item> accountItems, JsonNode request, ArrayNode responses) {
        String sku = request.path("sku").textValue();
        List<JsonNode> offers = new ArrayList<>();
        request.path("offers").forEach(offers::add);
        if (sku == null || sku.isBlank()) {
            responses.add(response(null, null, 400, 25709, "Invalid value for sku: a SKU is required"));
            return;
        }
        JsonNode shipTo = request.path("shipToLocationAvailability").path("quantity");
        boolean badShipTo = !shipTo.isMissingNode() && (!shipTo.isIntegralNumber() || shipTo.longValue() < 0);
        Item item = accountItems.get(sku);
        if (item == null || badShipTo) {
            int status = item == null ? 404 : 400;
            int errorId = item == null ? 25702 : 25709;
            String message = item == null ? "SKU " + sku + " is not available in the system"
                    : "Invalid value for shipToLocationAvailability.quantity: a whole number, 0 or more";
            if (offers.isEmpty()) {
                responses.add(response(sku, null, status, errorId, message));
            }
            offers.forEach(o -> responses.add(response(sku, o.path("offerId").textValue(), status, errorId, message)));
            return;
        }
        boolean applied = false;
        if (shipTo.isIntegralNumber()) {
            item.shipToQuantity = shipTo.longValue();
            applied = true;
        }
        for (JsonNode offer : offers) {
            String offerId = offer.path("offerId").textValue();
            JsonNode available = offer.path("availableQuantity");
            if (offerId == null || !item.offers.containsKey(offerId)) {
                responses.add(response(sku, offerId, 400, 25713, "This Offer is not available: " + offerId
                        + " is no offer of SKU " + sku));
            } else if (!available.isMissingNode() && (!available.isIntegralNumber() || available.longValue() < 0)) {
                responses.add(response(sku, offerId, 400, 25709, "Invalid value for availableQuantity"));
            } else {
                if (available.isIntegralNumber()) {
                    item.offers.put(offerId, available.longValue());
                    applied = true;
                }
                responses.add(response(sku, offerId, 200, 0, null));
            }
        }
        if (offers.isEmpty()) {
            responses.add(response(sku, null, 200, 0, null));
        }
        if (applied) {
            counters.updatesApplied.increment();
        }
    }

    private Answer inventoryItem(String account, String sku) {
        long quantity;
        synchronized (this) {
            Item item = items.getOrDefault(account, Map.of()).get(sku);
            if (item == null) {
                return ebayError(404, 25710, "API_INVENTORY", "We didn't find the entity you are requesting: "
                        + "no inventory item " + sku);
            }
            quantity = item.shipToQuantity;
        }
        ObjectNode body = json.createObjectNode().put("sku", sku);
        body.putObject("availability").putObject("shipToLocationAvailability").put("quantity", quantity);
        return Answer.json(json, 200, body);
    }

    private Answer grantToken(Call call) {
        String authorization = call.header().apply("Authorization");
        String client = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                client = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                client = null;
            }
        }
        if (!(config.clientId() + ":" + config.clientSecret()).equals(client)) {
            return oauthError("invalid_grant", "client authentication failed");
        }
        Map<String, String> form = Call.form(call.bodyText());
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return oauthError("unsupported_grant_type", "the sandbox grants refresh_token only");
        }
        String scope = form.get("scope");
        if (scope != null && !Set.of(scope.split(" ")).contains(INVENTORY_SCOPE)) {
            return oauthError("invalid_scope", "the requested scope is invalid, unknown, malformed, or exceeds "
                    + "the scope granted to the client");
        }
        String account;
        synchronized (this) {
            account = accountByRefreshToken.get(form.get("refresh_token"));
        }
        if (account == null) {
            return oauthError("invalid_grant", "the provided authorization refresh token is invalid or was issued "
                    + "to another client");
        }
        String accessToken = accessTokens.issue(account, config.tokenLifetime());
        counters.tokenGrants.increment();
        return Answer.json(json, 200, json.createObjectNode()
                .put("access_token", accessToken)
                .put("expires_in", config.tokenLifetime().getSeconds())
                .put("token_type", "User Access Token"));
    }

    private ObjectNode response(String sku, String offerId, int status, int errorId, String message) {
        ObjectNode response = json.createObjectNode().put("statusCode", status);
        if (sku != null) {
            response.put("sku", sku);
        }
        if (offerId != null) {
            response.put("offerId", offerId);
        }
        ArrayNode errors = response.putArray("errors");
        if (message != null) {
            errors.add(error(errorId, "API_INVENTORY", message));
        }
        response.putArray("warnings");
        return response;
    }

    private ObjectNode error(int errorId, String domain, String message) {
        return json.createObjectNode().put("errorId", errorId).put("domain", domain).put("category", "REQUEST")
                .put("message", message);
    }

    private Answer ebayError(int status, int errorId, String domain, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = error(errorId, domain, message);
        if (status >= 500) {
            error.put("category", "APPLICATION");
        }
        body.putArray("errors").add(error);
        return Answer.json(json, status, body);
    }

    private Answer tooManyRequests(long retryAfterSeconds) {
        return ebayError(429, 2001, "ACCESS", "Too many requests. The request limit has been reached for the "
                + "resource.").withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    private Answer notAllowed(String allow) {
        return ebayError(405, 2002, "ACCESS", "Method not allowed: " + allow + " only").withHeader("Allow", allow);
    }

    private Answer oauthError(String error, String description) {
        return Answer.json(json, 400, json.createObjectNode().put("error", error)
                .put("error_description", description));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
