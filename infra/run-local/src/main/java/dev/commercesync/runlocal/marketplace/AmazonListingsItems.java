package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Amazon's Selling Partner API, Listings Items 2021-08-01, as far as the wire contract uses it, under
 * {@code /amazon}: {@code PATCH} and {@code GET /listings/2021-08-01/items/{sellerId}/{sku}} for the
 * {@code fulfillment_availability} attribute, and Login with Amazon's {@code POST /auth/o2/token} (refresh-token
 * grant). Every listings call needs an unexpired {@code x-amz-access-token} issued to that seller (else 403) and
 * passes a token bucket per seller (else 429 with {@code Retry-After}). A PATCH applies at once and answers
 * {@code ACCEPTED}; the real API applies it asynchronously.
 */
final class AmazonListingsItems implements SandboxChannel {

    static final String LWA_PATH = "/auth/o2/token";
    static final String LISTINGS_PATH = "/listings/2021-08-01/items";
    private static final String FULFILLMENT_AVAILABILITY = "/attributes/fulfillment_availability";

    private static final class Listing {
        final Set<String> marketplaceIds;
        long quantity;

        Listing(Set<String> marketplaceIds, long quantity) {
            this.marketplaceIds = marketplaceIds;
            this.quantity = quantity;
        }
    }

    private final ObjectMapper json;
    private final SandboxMarketplacesConfig.Amazon config;
    private final TokenBuckets rateLimit;
    private final AccessTokens accessTokens;
    private final ChannelCounters counters = new ChannelCounters();
    /** By seller id, then SKU; guarded by this. */
    private final Map<String, Map<String, Listing>> listings = new LinkedHashMap<>();
    /** Seller id by refresh token; guarded by this. */
    private final Map<String, String> sellerByRefreshToken = new HashMap<>();

    AmazonListingsItems(ObjectMapper json, SandboxMarketplacesConfig.Amazon config, Clock clock) {
        this.json = json;
        this.config = config;
        this.rateLimit = new TokenBuckets(config.burst(), config.ratePerSecond(), clock);
        this.accessTokens = new AccessTokens("Atza|sandbox-", clock);
    }

    @Override
    public SalesChannel channel() {
        return SalesChannel.AMAZON;
    }

    @Override
    public ChannelCounters counters() {
        return counters;
    }

    @Override
    public boolean isTokenCall(Call call) {
        return call.rawPath().equals(prefix() + LWA_PATH);
    }

    // ---- seeding and checks ----

    synchronized void seed(String sellerId, String sku, List<String> marketplaceIds, long quantity) {
        SandboxChannel.requireNotBlank(sellerId, "sellerId");
        SandboxChannel.requireNotBlank(sku, "sku");
        if (marketplaceIds == null || marketplaceIds.isEmpty()
                || marketplaceIds.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw new IllegalArgumentException("marketplaceIds must name at least one marketplace");
        }
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be 0 or more: " + quantity);
        }
        listings.computeIfAbsent(sellerId, s -> new LinkedHashMap<>())
                .put(sku, new Listing(Set.copyOf(marketplaceIds), quantity));
        sellerByRefreshToken.put(config.refreshToken(sellerId), sellerId);
    }

    @Override
    public ObjectNode seed(JsonNode listing) {
        String sellerId = SandboxChannel.requireText(listing, "sellerId");
        String sku = SandboxChannel.requireText(listing, "sku");
        List<String> marketplaceIds = SandboxChannel.requireTexts(listing, "marketplaceIds");
        long quantity = SandboxChannel.requireQuantity(listing, "quantity");
        seed(sellerId, sku, marketplaceIds, quantity);
        ObjectNode seeded = json.createObjectNode().put("sellerId", sellerId).put("sku", sku);
        marketplaceIds.forEach(seeded.putArray("marketplaceIds")::add);
        return seeded.put("quantity", quantity);
    }

    @Override
    public synchronized OptionalLong quantity(String sku, String account, String locationId) {
        long total = 0;
        boolean found = false;
        for (Map.Entry<String, Map<String, Listing>> seller : listings.entrySet()) {
            Listing listing = seller.getValue().get(sku);
            if (listing != null && (account == null || account.equals(seller.getKey()))) {
                total += listing.quantity;
                found = true;
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    @Override
    public synchronized ObjectNode credentials() {
        ObjectNode accounts = json.createObjectNode();
        listings.keySet().forEach(seller -> accounts.putObject(seller)
                .put("clientId", config.clientId())
                .put("clientSecret", config.clientSecret())
                .put("refreshToken", config.refreshToken(seller)));
        return accounts;
    }

    // ---- the API ----

    @Override
    public Answer handle(Call call) {
        if (isTokenCall(call)) {
            return call.method().equals("POST") ? grantToken(call)
                    : amazonError(405, "MethodNotAllowed", "POST the token request").withHeader("Allow", "POST");
        }
        if (!call.rawPath().startsWith(prefix() + LISTINGS_PATH + "/")) {
            return amazonError(404, "NotFound", "The sandbox serves " + LISTINGS_PATH + "/{sellerId}/{sku} and "
                    + LWA_PATH + " only");
        }
        List<String> segments = call.segmentsAfter(prefix() + LISTINGS_PATH);
        if (segments.size() != 2) {
            return amazonError(404, "NotFound", "Expected " + LISTINGS_PATH + "/{sellerId}/{sku}");
        }
        String sellerId = segments.get(0);
        String sku = segments.get(1);
        boolean patch = call.method().equals("PATCH");
        if (!patch && !call.method().equals("GET")) {
            return amazonError(405, "MethodNotAllowed", "The sandbox serves PATCH and GET on listings items")
                    .withHeader("Allow", "GET, PATCH");
        }
        Optional<String> tokenSeller = accessTokens.accountOf(call.header().apply("x-amz-access-token"));
        if (tokenSeller.isEmpty() || !tokenSeller.get().equals(sellerId)) {
            return amazonError(403, "Unauthorized", "Access to requested resource is denied.");
        }
        TokenBuckets.Admission admission = rateLimit.take(sellerId, 1);
        if (!admission.admitted()) {
            counters.throttled.increment();
            return quotaExceeded(admission.retryAfterSeconds());
        }
        Map<String, String> query = call.query();
        String marketplaceIds = query.get("marketplaceIds");
        if (marketplaceIds == null || marketplaceIds.isBlank()) {
            return limited(amazonError(400, "InvalidInput", "Missing required 'marketplaceIds'"));
        }
        Set<String> wanted = new LinkedHashSet<>(Arrays.asList(marketplaceIds.split(",")));
        return limited(patch ? patch(sellerId, sku, wanted, call) : get(sellerId, sku, wanted,
                query.get("includedData")));
    }

    @Override
    public Answer outage() {
        return amazonError(503, "ServiceUnavailable", "The service is temporarily unavailable (sandbox outage).");
    }

    @Override
    public Answer throttleStorm(Call call) {
        return quotaExceeded(1);
    }

    private Answer patch(String sellerId, String sku, Set<String> marketplaceIds, Call call) {
        JsonNode body;
        try {
            body = json.readTree(call.body());
        } catch (IOException e) {
            return amazonError(400, "InvalidInput", "The body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject() || !body.path("productType").isTextual()
                || !body.path("patches").isArray() || body.get("patches").isEmpty()) {
            return amazonError(400, "InvalidInput", "The body needs productType and at least one patch");
        }
        Long quantity = null;
        ArrayNode issues = json.createArrayNode();
        for (JsonNode patch : body.get("patches")) {
            String op = patch.path("op").textValue();
            String path = patch.path("path").textValue();
            if (op == null || path == null || !Set.of("add", "replace", "merge", "delete").contains(op)) {
                return amazonError(400, "InvalidInput", "Each patch needs op (add, replace, merge, delete) and path");
            }
            if (!path.equals(FULFILLMENT_AVAILABILITY)) {
                continue; // the sandbox keeps fulfillment availability only; other attributes are accepted unseen
            }
            JsonNode availability = firstDefault(patch.path("value"));
            if (!op.equals("replace") && !op.equals("add") || availability == null
                    || !availability.path("quantity").isIntegralNumber()
                    || availability.get("quantity").longValue() < 0) {
                issues.addObject().put("code", "90220")
                        .put("message", "'fulfillment_availability' needs a value with fulfillment_channel_code "
                                + "DEFAULT and a quantity of 0 or more")
                        .put("severity", "ERROR")
                        .putArray("attributeNames").add("fulfillment_availability");
            } else {
                quantity = availability.get("quantity").longValue();
            }
        }
        synchronized (this) {
            Listing listing = listing(sellerId, sku, marketplaceIds);
            if (listing == null) {
                return notFound(sellerId, sku, marketplaceIds);
            }
            ObjectNode response = json.createObjectNode().put("sku", sku);
            if (!issues.isEmpty()) {
                counters.rejected.increment();
                response.put("status", "INVALID").put("submissionId", submissionId());
                response.set("issues", issues);
                return Answer.json(json, 200, response);
            }
            if (quantity != null) {
                listing.quantity = quantity;
                counters.updatesApplied.increment();
            }
            response.put("status", "ACCEPTED").put("submissionId", submissionId());
            response.putArray("issues");
            return Answer.json(json, 200, response);
        }
    }

    private Answer get(String sellerId, String sku, Set<String> marketplaceIds, String includedData) {
        Set<String> included = includedData == null || includedData.isBlank() ? Set.of("summaries")
                : Set.of(includedData.split(","));
        synchronized (this) {
            Listing listing = listing(sellerId, sku, marketplaceIds);
            if (listing == null) {
                return notFound(sellerId, sku, marketplaceIds);
            }
            ObjectNode response = json.createObjectNode().put("sku", sku);
            if (included.contains("summaries")) {
                ArrayNode summaries = response.putArray("summaries");
                marketplaceIds.forEach(m -> summaries.addObject().put("marketplaceId", m)
                        .put("productType", "PRODUCT").putArray("status").add("BUYABLE"));
            }
            if (included.contains("fulfillmentAvailability")) {
                response.putArray("fulfillmentAvailability").addObject()
                        .put("fulfillmentChannelCode", "DEFAULT").put("quantity", listing.quantity);
            }
            return Answer.json(json, 200, response);
        }
    }

    /** The listing, when the seller lists the SKU on every marketplace asked for. Called holding the lock. */
    private Listing listing(String sellerId, String sku, Set<String> marketplaceIds) {
        Listing listing = listings.getOrDefault(sellerId, Map.of()).get(sku);
        return listing != null && listing.marketplaceIds.containsAll(marketplaceIds) ? listing : null;
    }

    private Answer notFound(String sellerId, String sku, Set<String> marketplaceIds) {
        return amazonError(404, "NOT_FOUND", "SKU '" + sku + "' not found in marketplace(s) "
                + String.join(",", marketplaceIds) + " for seller " + sellerId);
    }

    private Answer grantToken(Call call) {
        Map<String, String> form = Call.form(call.bodyText());
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return lwaError("unsupported_grant_type", "The sandbox grants refresh_token only");
        }
        if (!config.clientId().equals(form.get("client_id")) || !config.clientSecret().equals(form.get("client_secret"))) {
            return lwaError("invalid_grant", "Client authentication failed");
        }
        String refreshToken = form.get("refresh_token");
        String sellerId;
        synchronized (this) {
            sellerId = refreshToken == null ? null : sellerByRefreshToken.get(refreshToken);
        }
        if (sellerId == null) {
            return lwaError("invalid_grant", "The request has an invalid grant parameter : refresh_token");
        }
        String accessToken = accessTokens.issue(sellerId, config.tokenLifetime());
        counters.tokenGrants.increment();
        return Answer.json(json, 200, json.createObjectNode()
                .put("access_token", accessToken)
                .put("token_type", "bearer")
                .put("expires_in", config.tokenLifetime().getSeconds())
                .put("refresh_token", refreshToken));
    }

    private Answer lwaError(String error, String description) {
        return Answer.json(json, 400, json.createObjectNode().put("error", error)
                .put("error_description", description));
    }

    private Answer quotaExceeded(long retryAfterSeconds) {
        return limited(amazonError(429, "QuotaExceeded", "You exceeded your quota for the requested resource."))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** Listings answers carry the usage plan's rate, as the real API does when it knows it. */
    private Answer limited(Answer answer) {
        return answer.withHeader("x-amzn-RateLimit-Limit", Double.toString(config.ratePerSecond()));
    }

    /** The SP-API error list: {@code {"errors":[{"code","message","details"}]}}, with a request id. */
    private Answer amazonError(int status, String code, String message) {
        ObjectNode body = json.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message).put("details", "");
        return Answer.json(json, status, body).withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    private static JsonNode firstDefault(JsonNode values) {
        if (!values.isArray()) {
            return null;
        }
        for (JsonNode value : values) {
            if ("DEFAULT".equals(value.path("fulfillment_channel_code").textValue())) {
                return value;
            }
        }
        return null;
    }

    private static String submissionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
