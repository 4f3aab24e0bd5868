package dev.commercesync.inventory.channel.amazon;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The merchant-fulfilled quantity of Amazon listings, through the Selling Partner API's Listings Items 2021-08-01:
 * {@code patchListingsItem} replacing {@code /attributes/fulfillment_availability} (channel {@code DEFAULT}), and
 * {@code getListingsItem} with {@code includedData=fulfillmentAvailability} to read. One call per listing, paced per
 * selling partner (reads and writes share the partner's limit); Login with Amazon tokens from {@link LwaAccessTokens}.
 */
@ApplicationScoped
public class AmazonInventory implements MarketplaceInventory {

    static final String PRODUCT_TYPE = "PRODUCT";
    static final String FULFILLMENT_CHANNEL = "DEFAULT";

    private static final Logger LOG = Logger.getLogger(AmazonInventory.class);

    private final String base;
    private final ChannelHttp http;
    private final RefreshTokenAccessTokens tokens;
    private final AccountPacing pacing;
    private final Clock clock;

    @Inject
    public AmazonInventory(MarketplaceConfig config, MarketplaceCredentials credentials, MessageTracing tracing) {
        this(config.amazon().endpoint(), config.amazon().lwaEndpoint(), credentials,
                new ChannelHttp(config.connectTimeout(), config.requestTimeout(), tracing),
                new AccountPacing(config.amazon().requestsPerSecond(), config.amazon().burst(),
                        config.longestPacingWait()),
                Clock.systemUTC());
    }

    public AmazonInventory(String endpoint, String lwaEndpoint, MarketplaceCredentials credentials, ChannelHttp http,
                           AccountPacing pacing, Clock clock) {
        this.base = ChannelHttp.withoutTrailingSlash(endpoint);
        this.http = http;
        this.tokens = LwaAccessTokens.of(lwaEndpoint, credentials, http, clock);
        this.pacing = pacing;
        this.clock = clock;
    }

    @Override
    public SalesChannel channel() {
        return SalesChannel.AMAZON;
    }

    @Override
    public List<PublishResult> publish(List<ListingQuantity> updates) {
        return ListingCalls.publishEach(SalesChannel.AMAZON, LOG, updates, this::publishOne);
    }

    @Override
    public List<ShownQuantity> read(List<ListingRef> listings) {
        return ListingCalls.readEach(SalesChannel.AMAZON, LOG, listings, this::readOne);
    }

    private PublishResult publishOne(ListingQuantity update) {
        ChannelListing listing = checked(update.listing());
        String sku = listing.channelSku(update.sku());
        URI uri = URI.create(itemUri(listing, sku));
        ObjectNode body = http.json().createObjectNode().put("productType", PRODUCT_TYPE);
        ObjectNode patch = body.putArray("patches").addObject()
                .put("op", "replace")
                .put("path", "/attributes/fulfillment_availability");
        patch.putArray("value").addObject()
                .put("fulfillment_channel_code", FULFILLMENT_CHANNEL)
                .put("quantity", update.quantity());
        String payload = http.write(body);
        String what = "amazon PATCH " + sku + " of " + listing.account();

        HttpResponse<String> response = callWithToken(listing, what, token -> http.request(uri)
                .header("x-amz-access-token", token)
                .header("Content-Type", ChannelHttp.JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(payload))
                .build());
        int status = response.statusCode();
        if (status == 200) {
            JsonNode answer = http.body(response, what);
            String submission = answer.path("status").asText("");
            if ("ACCEPTED".equals(submission)) {
                LOG.debugf("amazon %s: quantity %d accepted (submission %s)", update.listingKey(),
                        update.quantity(), answer.path("submissionId").asText("?"));
                return new PublishResult.Published(update.listingKey(), update.quantity(), clock.instant());
            }
            if ("INVALID".equals(submission)) {
                throw ChannelCallFailure.rejected("Amazon found the update invalid: " + issues(answer));
            }
            throw ChannelCallFailure.unavailable(what + ": unexpected submission status '" + submission + "'");
        }
        throw failure(what, response, "no listing " + sku + " for seller " + listing.account()
                + " in " + String.join(",", listing.marketplaceIds()));
    }

    private long readOne(ListingRef ref) {
        ChannelListing listing = checked(ref.listing());
        String sku = listing.channelSku(ref.sku());
        URI uri = URI.create(itemUri(listing, sku) + "&includedData=fulfillmentAvailability");
        String what = "amazon GET " + sku + " of " + listing.account();
        HttpResponse<String> response = callWithToken(listing, what,
                token -> http.request(uri).header("x-amz-access-token", token).GET().build());
        if (response.statusCode() != 200) {
            throw failure(what, response, "no listing " + sku + " for seller " + listing.account());
        }
        for (JsonNode availability : http.body(response, what).path("fulfillmentAvailability")) {
            if (FULFILLMENT_CHANNEL.equals(availability.path("fulfillmentChannelCode").asText())
                    && availability.path("quantity").canConvertToLong()) {
                return availability.path("quantity").asLong();
            }
        }
        throw ChannelCallFailure.unavailable(what + ": the listing shows no merchant-fulfilled (DEFAULT) quantity");
    }

    /**
     * Sends one call with the seller's access token. A 403 (SP-API's answer to an expired or revoked token) drops the
     * token and repeats the call once with a fresh one; a second 403 is returned for the caller to reject.
     */
    private HttpResponse<String> callWithToken(ChannelListing listing, String what,
                                               Function<String, HttpRequest> request) {
        String seller = listing.account();
        for (int attempt = 1; ; attempt++) {
            String token = tokens.token(seller);
            pacing.awaitSlot(listing.rateLimitKey());
            HttpResponse<String> response = http.send(request.apply(token), what);
            boolean refused = response.statusCode() == 403 || response.statusCode() == 401;
            if (!refused || attempt == 2) {
                return response;
            }
            LOG.infof("%s: HTTP %d, fetching a new access token and trying once more", what, response.statusCode());
            tokens.invalidate(seller, token);
        }
    }

    private ChannelCallFailure failure(String what, HttpResponse<String> response, String notFound) {
        int status = response.statusCode();
        if (status == 429) {
            return ChannelCallFailure.throttled(what + ": HTTP 429 " + errors(what, response),
                    ChannelHttp.retryAfter(response).orElse(Duration.ofSeconds(1)));
        }
        if (status >= 500) {
            return ChannelCallFailure.unavailable(what + ": HTTP " + status);
        }
        if (status == 404) {
            return ChannelCallFailure.rejected("Amazon has " + notFound + ": " + errors(what, response));
        }
        if (status == 401 || status == 403) {
            return ChannelCallFailure.rejected(what + ": access denied (HTTP " + status
                    + ") even with a fresh token; check the app's authorization by seller and its roles: "
                    + errors(what, response));
        }
        return ChannelCallFailure.rejected(what + ": HTTP " + status + " " + errors(what, response));
    }

    /** SP-API's error list ({@code {"errors":[{"code","message","details"}]}}) in a few words. */
    private String errors(String what, HttpResponse<String> response) {
        try {
            JsonNode errors = http.body(response, what).path("errors");
            if (errors.isEmpty()) {
                return ChannelHttp.shortened(response.body());
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode error : errors) {
                texts.add(error.path("code").asText("?") + ": " + error.path("message").asText(""));
            }
            return ChannelHttp.shortened(String.join("; ", texts));
        } catch (ChannelCallFailure notJson) {
            return ChannelHttp.shortened(response.body());
        }
    }

    /** The ERROR issues of an INVALID submission (all issues when none is marked ERROR). */
    private static String issues(JsonNode answer) {
        List<JsonNode> all = new ArrayList<>();
        answer.path("issues").forEach(all::add);
        List<JsonNode> errors = all.stream().filter(i -> "ERROR".equals(i.path("severity").asText())).toList();
        String text = (errors.isEmpty() ? all : errors).stream()
                .map(i -> i.path("code").asText("?") + ": " + i.path("message").asText(""))
                .collect(Collectors.joining("; "));
        return ChannelHttp.shortened(text.isEmpty() ? "status INVALID without issues" : text);
    }

    private String itemUri(ChannelListing listing, String sku) {
        return base + "/listings/2021-08-01/items/" + ChannelHttp.pathSegment(listing.account()) + "/"
                + ChannelHttp.pathSegment(sku) + "?marketplaceIds="
                + listing.marketplaceIds().stream().map(ChannelHttp::pathSegment).collect(Collectors.joining(","));
    }

    private static ChannelListing checked(ChannelListing listing) {
        List<String> problems = listing.channel() == SalesChannel.AMAZON
                ? listing.problems() : List.of("not an Amazon listing: " + listing.channel());
        if (!problems.isEmpty()) {
            throw ChannelCallFailure.rejected(String.join("; ", problems));
        }
        return listing;
    }

}
