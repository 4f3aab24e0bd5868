package dev.commercesync.inventory.channel.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.commercesync.inventory.channel.RefreshTokenAccessTokens;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The quantity of eBay inventory items and their published offers, through the Sell Inventory API v1:
 * {@code bulkUpdatePriceQuantity} (the item's ship-to-home quantity and each offer's available quantity, up to 25 SKUs
 * a call, grouped by account) and {@code getInventoryItem} to read. Calls are paced per account; user access tokens
 * come from {@link EbayAccessTokens}.
 */
@ApplicationScoped
public class EbayInventory implements MarketplaceInventory {

    /** eBay's limit of SKUs in one bulk call. */
    public static final int EBAY_MAX_SKUS_PER_CALL = 25;
    static final String CONTENT_LANGUAGE = "en-US";

    private static final Logger LOG = Logger.getLogger(EbayInventory.class);
    /** What a 429 without Retry-After costs: eBay's limits are counted per minute and per day, not per second. */
    private static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(60);

    private final String base;
    private final ChannelHttp http;
    private final RefreshTokenAccessTokens tokens;
    private final AccountPacing pacing;
    private final int maxSkusPerCall;
    private final Clock clock;

    @Inject
    public EbayInventory(MarketplaceConfig config, MarketplaceCredentials credentials, MessageTracing tracing) {
        this(config.ebay().endpoint(), config.ebay().maxSkusPerCall(), credentials,
                new ChannelHttp(config.connectTimeout(), config.requestTimeout(), tracing),
                new AccountPacing(config.ebay().requestsPerSecond(), config.ebay().burst(),
                        config.longestPacingWait()),
                Clock.systemUTC());
    }

    public EbayInventory(String endpoint, int maxSkusPerCall, MarketplaceCredentials credentials, ChannelHttp http,
                         AccountPacing pacing, Clock clock) {
        if (maxSkusPerCall < 1 || maxSkusPerCall > EBAY_MAX_SKUS_PER_CALL) {
            throw new IllegalArgumentException("commerce.marketplaces.ebay.max-skus-per-call must be 1 to "
                    + EBAY_MAX_SKUS_PER_CALL + ", not " + maxSkusPerCall);
        }
        this.base = ChannelHttp.withoutTrailingSlash(endpoint);
        this.http = http;
        this.tokens = EbayAccessTokens.of(endpoint, credentials, http, clock);
        this.pacing = pacing;
        this.maxSkusPerCall = maxSkusPerCall;
        this.clock = clock;
    }

    @Override
    public SalesChannel channel() {
        return SalesChannel.EBAY;
    }

    @Override
    public List<PublishResult> publish(List<ListingQuantity> updates) {
        List<PublishResult> results = new ArrayList<>(updates.size());
        Map<String, List<ListingQuantity>> byAccount = new LinkedHashMap<>();
        for (ListingQuantity update : updates) {
            List<String> problems = problems(update.listing());
            if (problems.isEmpty()) {
                byAccount.computeIfAbsent(update.listing().rateLimitKey(), k -> new ArrayList<>()).add(update);
            } else {
                results.add(new PublishResult.Rejected(update.listingKey(), String.join("; ", problems)));
            }
        }
        byAccount.forEach((account, accountUpdates) -> {
            ChannelCallFailure throttled = null;
            for (List<ListingQuantity> call : calls(accountUpdates)) {
                if (throttled != null) {
                    // The account is out of calls: the rest of its updates go back to the queue unsent.
                    for (ListingQuantity update : call) {
                        results.add(throttled.resultFor(update.listingKey()));
                    }
                    continue;
                }
                try {
                    results.addAll(publishCall(call));
                } catch (ChannelCallFailure failure) {
                    if (failure.kind() == ChannelCallFailure.Kind.THROTTLED) {
                        throttled = failure;
                    }
                    ListingCalls.log(SalesChannel.EBAY, LOG, account + " (" + call.size() + " updates)", failure);
                    call.forEach(update -> results.add(failure.resultFor(update.listingKey())));
                } catch (RuntimeException unexpected) {
                    LOG.errorf(unexpected, "ebay %s: unexpected failure of a call with %d SKUs", account, call.size());
                    call.forEach(update -> results.add(new PublishResult.Unavailable(update.listingKey(),
                            "unexpected failure: " + unexpected)));
                }
            }
        });
        return results;
    }

    @Override
    public List<ShownQuantity> read(List<ListingRef> listings) {
        return ListingCalls.readEach(SalesChannel.EBAY, LOG, listings, this::readOne);
    }

    /**
     * Splits one account's updates into calls of at most {@code maxSkusPerCall} SKUs, in order. A SKU appears at most
     * once per call (eBay answers per SKU, so two updates of one SKU in one call could not be told apart); a repeated
     * SKU goes to a later call, after its earlier update.
     */
    List<List<ListingQuantity>> calls(List<ListingQuantity> updates) {
        List<List<ListingQuantity>> calls = new ArrayList<>();
        List<Set<String>> skus = new ArrayList<>();
        for (ListingQuantity update : updates) {
            String sku = update.listing().channelSku(update.sku());
            int last = -1;
            for (int i = 0; i < calls.size(); i++) {
                if (skus.get(i).contains(sku)) {
                    last = i;
                }
            }
            int target = -1;
            for (int i = last + 1; i < calls.size(); i++) {
                if (calls.get(i).size() < maxSkusPerCall) {
                    target = i;
                    break;
                }
            }
            if (target < 0) {
                calls.add(new ArrayList<>());
                skus.add(new HashSet<>());
                target = calls.size() - 1;
            }
            calls.get(target).add(update);
            skus.get(target).add(sku);
        }
        return calls;
    }

    private List<PublishResult> publishCall(List<ListingQuantity> call) {
        ChannelListing first = call.get(0).listing();
        String account = first.account();
        ObjectNode body = http.json().createObjectNode();
        ArrayNode requests = body.putArray("requests");
        Map<String, ListingQuantity> bySku = new LinkedHashMap<>();
        Map<String, String> skuOfOffer = new HashMap<>();
        for (ListingQuantity update : call) {
            String sku = update.listing().channelSku(update.sku());
            bySku.put(sku, update);
            ObjectNode request = requests.addObject().put("sku", sku);
            request.putObject("shipToLocationAvailability").put("quantity", update.quantity());
            if (!update.listing().offerIds().isEmpty()) {
                ArrayNode offers = request.putArray("offers");
                for (String offerId : update.listing().offerIds()) {
                    offers.addObject().put("offerId", offerId).put("availableQuantity", update.quantity());
                    skuOfOffer.put(offerId, sku);
                }
            }
        }
        String payload = http.write(body);
        URI uri = URI.create(base + "/sell/inventory/v1/bulk_update_price_quantity");
        String what = "ebay bulk_update_price_quantity of " + call.size() + " SKUs for " + account;

        HttpResponse<String> response = callWithToken(first, what, token -> http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", ChannelHttp.JSON)
                .header("Content-Language", CONTENT_LANGUAGE)
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build());
        int status = response.statusCode();
        if (status != 200 && status != 207) {
            throw failure(what, response);
        }
        // One response per offer (one per SKU without offers): collect them per SKU.
        Map<String, List<JsonNode>> answers = new HashMap<>();
        for (JsonNode answer : http.body(response, what).path("responses")) {
            String sku = answer.path("sku").asText("");
            if (sku.isEmpty()) {
                sku = skuOfOffer.getOrDefault(answer.path("offerId").asText(""), "");
            }
            answers.computeIfAbsent(sku, k -> new ArrayList<>()).add(answer);
        }
        Instant now = clock.instant();
        List<PublishResult> results = new ArrayList<>(call.size());
        bySku.forEach((sku, update) -> {
            PublishResult result = result(update, answers.getOrDefault(sku, List.of()), now);
            if (!(result instanceof PublishResult.Published)) {
                LOG.infof("ebay %s: %s", update.listingKey(), result);
            }
            results.add(result);
        });
        LOG.debugf("%s: %d published", what,
                results.stream().filter(r -> r instanceof PublishResult.Published).count());
        return results;
    }

    /** A SKU is published when every answer for it is 2xx; a 4xx is a rejection a retry will not fix. */
    private static PublishResult result(ListingQuantity update, List<JsonNode> answers, Instant now) {
        String key = update.listingKey();
        if (answers.isEmpty()) {
            return new PublishResult.Unavailable(key, "eBay's answer has no result for this SKU");
        }
        JsonNode serverError = null;
        for (JsonNode answer : answers) {
            int status = answer.path("statusCode").asInt(0);
            if (status >= 400 && status < 500) {
                return new PublishResult.Rejected(key, "eBay refused" + offer(answer) + ": HTTP " + status + " "
                        + firstError(answer));
            }
            if (status < 200 || status >= 300) {
                serverError = answer;
            }
        }
        if (serverError != null) {
            return new PublishResult.Unavailable(key, "eBay failed" + offer(serverError) + ": HTTP "
                    + serverError.path("statusCode").asInt(0) + " " + firstError(serverError));
        }
        return new PublishResult.Published(key, update.quantity(), now);
    }

    private long readOne(ListingRef ref) {
        ChannelListing listing = ref.listing();
        List<String> problems = problems(listing);
        if (!problems.isEmpty()) {
            throw ChannelCallFailure.rejected(String.join("; ", problems));
        }
        String sku = listing.channelSku(ref.sku());
        URI uri = URI.create(base + "/sell/inventory/v1/inventory_item/" + ChannelHttp.pathSegment(sku));
        String what = "ebay GET inventory_item " + sku + " of " + listing.account();
        HttpResponse<String> response = callWithToken(listing, what,
                token -> http.request(uri).header("Authorization", "Bearer " + token).GET().build());
        if (response.statusCode() == 404) {
            throw ChannelCallFailure.rejected("eBay account " + listing.account() + " has no inventory item " + sku);
        }
        if (response.statusCode() != 200) {
            throw failure(what, response);
        }
        JsonNode quantity = http.body(response, what).path("availability").path("shipToLocationAvailability")
                .path("quantity");
        if (!quantity.canConvertToLong()) {
            throw ChannelCallFailure.unavailable(what + ": the item shows no ship-to-location quantity");
        }
        return quantity.asLong();
    }

    /** Sends one call; a 401 (expired or revoked token) drops the token and repeats the call once with a fresh one. */
    private HttpResponse<String> callWithToken(ChannelListing listing, String what,
                                               Function<String, HttpRequest> request) {
        String account = listing.account();
        for (int attempt = 1; ; attempt++) {
            String token = tokens.token(account);
            pacing.awaitSlot(listing.rateLimitKey());
            HttpResponse<String> response = http.send(request.apply(token), what);
            if (response.statusCode() != 401 || attempt == 2) {
                return response;
            }
            LOG.infof("%s: HTTP 401, fetching a new access token and trying once more", what);
            tokens.invalidate(account, token);
        }
    }

    private ChannelCallFailure failure(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 429) {
            return ChannelCallFailure.throttled(what + ": HTTP 429",
                    ChannelHttp.retryAfter(response).orElse(DEFAULT_THROTTLE));
        }
        if (status >= 500) {
            return ChannelCallFailure.unavailable(what + ": HTTP " + status);
        }
        String errors;
        try {
            errors = firstError(http.body(response, what));
        } catch (ChannelCallFailure notJson) {
            errors = ChannelHttp.shortened(response.body());
        }
        if (status == 401 || status == 403) {
            return ChannelCallFailure.rejected(what + ": eBay refused our access (HTTP " + status
                    + ") even with a fresh token; check the account's grant of the sell.inventory scope: " + errors);
        }
        return ChannelCallFailure.rejected(what + ": HTTP " + status + " " + errors);
    }

    /** eBay's first error ({@code errors[0].errorId} and {@code message}), or nothing. */
    private static String firstError(JsonNode node) {
        JsonNode error = node.path("errors").path(0);
        if (error.isMissingNode()) {
            return "";
        }
        return ChannelHttp.shortened("error " + error.path("errorId").asText("?") + ": "
                + error.path("message").asText(""));
    }

    private static String offer(JsonNode answer) {
        String offerId = answer.path("offerId").asText("");
        return offerId.isEmpty() ? "" : " offer " + offerId;
    }

    private static List<String> problems(ChannelListing listing) {
        return listing.channel() == SalesChannel.EBAY
                ? listing.problems() : List.of("not an eBay listing: " + listing.channel());
    }

}
