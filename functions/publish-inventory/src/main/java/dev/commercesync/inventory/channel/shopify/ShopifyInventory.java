package dev.commercesync.inventory.channel.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.inventory.channel.AccountPacing;
import dev.commercesync.inventory.channel.ChannelCallFailure;
import dev.commercesync.inventory.channel.ChannelHttp;
import dev.commercesync.inventory.channel.ListingCalls;
import dev.commercesync.inventory.channel.ListingQuantity;
import dev.commercesync.inventory.channel.ListingRef;
import dev.commercesync.inventory.channel.MarketplaceConfig;
import dev.commercesync.inventory.channel.MarketplaceCredentials;
import dev.commercesync.inventory.channel.MarketplaceInventory;
import dev.commercesync.inventory.channel.PublishResult;
import dev.commercesync.inventory.channel.ShownQuantity;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.pipeline.tracing.MessageTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shopify's {@code available} quantity at one location, through the Admin GraphQL API: {@code inventorySetQuantities}
 * with compare-and-set ({@code changeFromQuantity}) and an {@code @idempotent} key, one listing per call, and the
 * {@code inventoryItem.inventoryLevel.quantities} query to read. Calls to each shop are paced by {@link AccountPacing}.
 * <p>
 * Compare-and-set: the set starts from what we believe the listing shows (read first when we do not know); when Shopify
 * answers {@code CHANGE_FROM_QUANTITY_STALE} (an order or a merchant changed it meanwhile) the adapter reads the
 * current quantity and tries again from it, {@value #MAX_SET_ATTEMPTS} attempts in all.
 */
@ApplicationScoped
public class ShopifyInventory implements MarketplaceInventory {

    static final String SET_MUTATION = """
            mutation SetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
              inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
                inventoryAdjustmentGroup { id }
                userErrors { field message code }
              }
            }""";
    static final String READ_QUERY = """
            query Available($inventoryItemId: ID!, $locationId: ID!) {
              inventoryItem(id: $inventoryItemId) { inventoryLevel(locationId: $locationId) { \
            quantities(names: ["available"]) { name quantity } } }
            }""";
    static final int MAX_SET_ATTEMPTS = 3;
    static final String STALE = "CHANGE_FROM_QUANTITY_STALE";

    private static final Logger LOG = Logger.getLogger(ShopifyInventory.class);
    /** A shop is a host name; anything else must not be spliced into the endpoint URL. */
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final String endpointTemplate;
    private final MarketplaceCredentials credentials;
    private final ChannelHttp http;
    private final AccountPacing pacing;
    private final Clock clock;

    @Inject
    public ShopifyInventory(MarketplaceConfig config, MarketplaceCredentials credentials, MessageTracing tracing) {
        this(config.shopify().endpoint(), credentials,
                new ChannelHttp(config.connectTimeout(), config.requestTimeout(), tracing),
                new AccountPacing(config.shopify().requestsPerSecond(), config.shopify().burst(),
                        config.longestPacingWait()),
                Clock.systemUTC());
    }

    public ShopifyInventory(String endpointTemplate, MarketplaceCredentials credentials, ChannelHttp http,
                            AccountPacing pacing, Clock clock) {
        if (!endpointTemplate.contains("{shop}")) {
            throw new IllegalArgumentException("the Shopify endpoint must contain {shop}: " + endpointTemplate);
        }
        this.endpointTemplate = endpointTemplate;
        this.credentials = credentials;
        this.http = http;
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    public SalesChannel channel() {
        return SalesChannel.SHOPIFY;
    }

    @Override
    public List<PublishResult> publish(List<ListingQuantity> updates) {
        return ListingCalls.publishEach(SalesChannel.SHOPIFY, LOG, updates, this::publishOne);
    }

    @Override
    public List<ShownQuantity> read(List<ListingRef> listings) {
        return ListingCalls.readEach(SalesChannel.SHOPIFY, LOG, listings,
                ref -> readAvailable(shop(ref.listing()), ref.listing()));
    }

    private PublishResult publishOne(ListingQuantity update) {
        ChannelListing listing = update.listing();
        Shop shop = shop(listing);
        long changeFrom = update.believedShown() != null ? update.believedShown() : readAvailable(shop, listing);
        for (int attempt = 1; ; attempt++) {
            String stale = set(shop, update, changeFrom);
            if (stale == null) {
                LOG.debugf("shopify %s: available set to %d (from %d)", update.listingKey(), update.quantity(),
                        changeFrom);
                return new PublishResult.Published(update.listingKey(), update.quantity(), clock.instant());
            }
            if (attempt == MAX_SET_ATTEMPTS) {
                throw ChannelCallFailure.unavailable("Shopify's available quantity kept changing under us: "
                        + MAX_SET_ATTEMPTS + " compare-and-set attempts were stale (" + stale + ")");
            }
            long current = readAvailable(shop, listing);
            LOG.infof("shopify %s: compare-and-set from %d was stale, Shopify shows %d; trying again",
                    update.listingKey(), changeFrom, current);
            changeFrom = current;
        }
    }

    /** @return null when set, else Shopify's message saying the compare quantity was stale */
    private String set(Shop shop, ListingQuantity update, long changeFrom) {
        ChannelListing listing = update.listing();
        ObjectNode variables = http.json().createObjectNode();
        ObjectNode input = variables.putObject("input");
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", "commerce-sync://stock/" + ChannelHttp.pathSegment(update.sku()));
        ObjectNode quantity = input.putArray("quantities").addObject();
        quantity.put("inventoryItemId", listing.inventoryItemId());
        quantity.put("locationId", listing.locationId());
        quantity.put("quantity", update.quantity());
        quantity.put("changeFromQuantity", changeFrom);
        variables.put("idempotencyKey", idempotencyKey(update, changeFrom));

        JsonNode payload = graphql(shop, SET_MUTATION, variables, "inventorySetQuantities")
                .path("inventorySetQuantities");
        if (!payload.isObject()) {
            throw ChannelCallFailure.unavailable("Shopify answered inventorySetQuantities without its payload");
        }
        JsonNode userErrors = payload.path("userErrors");
        if (userErrors.isEmpty()) {
            return null;
        }
        for (JsonNode error : userErrors) {
            if (STALE.equals(error.path("code").asText())) {
                return error.path("message").asText(STALE);
            }
        }
        JsonNode first = userErrors.get(0);
        throw ChannelCallFailure.rejected("Shopify refused the quantity: " + first.path("code").asText("USER_ERROR")
                + ": " + first.path("message").asText("") + " (field " + first.path("field") + ")");
    }

    /**
     * The caller's key when the set starts from the quantity the caller believed; a key of its own for a start we read
     * ourselves, because Shopify answers a repeated key with its first result and a different
     * {@code changeFromQuantity} is a different request. Deterministic either way, so a redelivered update repeats
     * the same keys.
     */
    static String idempotencyKey(ListingQuantity update, long changeFrom) {
        Long believed = update.believedShown();
        String key = update.idempotencyKey() == null || update.idempotencyKey().isBlank()
                ? update.listingKey() + ":" + update.quantity() : update.idempotencyKey();
        return believed != null && believed == changeFrom ? key : key + ":from-" + changeFrom;
    }

    private long readAvailable(Shop shop, ChannelListing listing) {
        ObjectNode variables = http.json().createObjectNode()
                .put("inventoryItemId", listing.inventoryItemId())
                .put("locationId", listing.locationId());
        JsonNode item = graphql(shop, READ_QUERY, variables, "inventoryItem").path("inventoryItem");
        if (item.isMissingNode() || item.isNull()) {
            throw ChannelCallFailure.rejected("Shopify shop " + shop.domain() + " has no inventory item "
                    + listing.inventoryItemId());
        }
        JsonNode level = item.path("inventoryLevel");
        if (level.isMissingNode() || level.isNull()) {
            throw ChannelCallFailure.rejected("inventory item " + listing.inventoryItemId()
                    + " is not stocked at location " + listing.locationId() + " of " + shop.domain());
        }
        for (JsonNode quantity : level.path("quantities")) {
            if ("available".equals(quantity.path("name").asText()) && quantity.path("quantity").canConvertToLong()) {
                return quantity.path("quantity").asLong();
            }
        }
        throw ChannelCallFailure.unavailable("Shopify's inventory level of " + listing.inventoryItemId()
                + " came without an available quantity");
    }

    /** One GraphQL call to a shop; the {@code data} object, or a failure sorted by what the answer means. */
    private JsonNode graphql(Shop shop, String query, ObjectNode variables, String operation) {
        ObjectNode body = http.json().createObjectNode().put("query", query);
        body.set("variables", variables);
        HttpRequest request = http.request(shop.endpoint())
                .header("Content-Type", ChannelHttp.JSON)
                .header("X-Shopify-Access-Token", shop.accessToken())
                .POST(HttpRequest.BodyPublishers.ofString(http.write(body)))
                .build();
        String what = "shopify " + operation + " on " + shop.domain();
        pacing.awaitSlot(shop.rateLimitKey());
        HttpResponse<String> response = http.send(request, what);
        int status = response.statusCode();
        if (status == 200) {
            JsonNode answer = http.body(response, what);
            JsonNode errors = answer.path("errors");
            if (!errors.isEmpty()) {
                throw graphqlErrors(what, errors, answer.path("extensions").path("cost"));
            }
            JsonNode data = answer.path("data");
            if (!data.isObject()) {
                throw ChannelCallFailure.unavailable(what + ": HTTP 200 without data");
            }
            return data;
        }
        if (status == 401 || status == 403) {
            throw ChannelCallFailure.rejected("access token refused for " + shop.domain() + " (HTTP " + status
                    + "); check MARKETPLACE_CREDENTIALS and the app's write_inventory scope");
        }
        if (status == 429) {
            throw ChannelCallFailure.throttled(what + ": HTTP 429",
                    ChannelHttp.retryAfter(response).orElse(Duration.ofSeconds(1)));
        }
        if (status >= 500) {
            throw ChannelCallFailure.unavailable(what + ": HTTP " + status);
        }
        throw ChannelCallFailure.rejected(what + ": HTTP " + status + " "
                + ChannelHttp.shortened(response.body()));
    }

    private static ChannelCallFailure graphqlErrors(String what, JsonNode errors, JsonNode cost) {
        List<String> messages = new ArrayList<>();
        boolean internal = false;
        for (JsonNode error : errors) {
            String code = error.path("extensions").path("code").asText("");
            if ("THROTTLED".equals(code)) {
                return ChannelCallFailure.throttled(what + ": Shopify's query cost bucket is empty",
                        costWait(cost));
            }
            internal |= "INTERNAL_SERVER_ERROR".equals(code);
            messages.add((code.isEmpty() ? "" : code + ": ") + error.path("message").asText(""));
        }
        String reason = what + ": " + ChannelHttp.shortened(String.join("; ", messages));
        return internal ? ChannelCallFailure.unavailable(reason) : ChannelCallFailure.rejected(reason);
    }

    /** Until the bucket holds the query's cost again: ⌈(requested − available) / restore rate⌉ s, at least 1 s. */
    static Duration costWait(JsonNode cost) {
        double requested = cost.path("requestedQueryCost").asDouble(0);
        JsonNode throttle = cost.path("throttleStatus");
        double available = throttle.path("currentlyAvailable").asDouble(0);
        double restoreRate = throttle.path("restoreRate").asDouble(0);
        if (!(restoreRate > 0) || !(requested > available)) {
            return Duration.ofSeconds(1);
        }
        return Duration.ofSeconds(Math.max(1, (long) Math.ceil((requested - available) / restoreRate)));
    }

    private Shop shop(ChannelListing listing) {
        List<String> problems = listing.channel() == SalesChannel.SHOPIFY
                ? listing.problems() : List.of("not a Shopify listing: " + listing.channel());
        if (!problems.isEmpty()) {
            throw ChannelCallFailure.rejected(String.join("; ", problems));
        }
        String domain = listing.account();
        if (!SHOP_DOMAIN.matcher(domain).matches()) {
            throw ChannelCallFailure.rejected("shopify account '" + domain + "' is not a shop domain");
        }
        String token = credentials.shopifyAccessToken(domain).orElseThrow(() -> ChannelCallFailure.rejected(
                MarketplaceCredentials.missing(SalesChannel.SHOPIFY, domain)));
        return new Shop(domain, URI.create(endpointTemplate.replace("{shop}", domain)), token,
                listing.rateLimitKey());
    }


    private record Shop(String domain, URI endpoint, String accessToken, String rateLimitKey) {

        @Override
        public String toString() {
            return "Shop[" + domain + "]";
        }
    }
}
