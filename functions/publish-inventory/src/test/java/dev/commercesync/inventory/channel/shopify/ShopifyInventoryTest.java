package dev.commercesync.inventory.channel.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.commercesync.inventory.channel.FakeTime;
import dev.commercesync.inventory.channel.ListingQuantity;
import dev.commercesync.inventory.channel.ListingRef;
import dev.commercesync.inventory.channel.PublishResult;
import dev.commercesync.inventory.channel.ShownQuantity;
import dev.commercesync.inventory.channel.TestChannels;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.order.SalesChannel;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ShopifyInventory} against a WireMock Admin GraphQL API shaped as shopify.dev documents it. */
class ShopifyInventoryTest {

    private static final String SHOP = "acme.myshopify.com";
    private static final String GRAPHQL = "/shopify/" + SHOP + "/admin/api/2026-04/graphql.json";
    private static final String ITEM = "gid://shopify/InventoryItem/30322695";
    private static final String LOCATION = "gid://shopify/Location/124656943";
    private static final ChannelListing LISTING = new ChannelListing(SalesChannel.SHOPIFY, SHOP, null, ITEM,
            LOCATION, null, null, null);
    private static final String KEY = "shopify#acme.myshopify.com#" + ITEM + "@" + LOCATION;

    private static final String SET_OK = """
            {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/9"},
              "userErrors":[]}},
             "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
              "throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":990.0,"restoreRate":50.0}}}}""";
    private static final String SET_STALE = """
            {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":null,
              "userErrors":[{"field":["input","quantities","0","changeFromQuantity"],
                "message":"The specified compare quantity does not match the current quantity.",
                "code":"CHANGE_FROM_QUANTITY_STALE"}]}}}""";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeTime time = new FakeTime();
    private WireMockServer shopify;
    private ShopifyInventory inventory;

    @BeforeEach
    void start() {
        shopify = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        shopify.start();
        inventory = new ShopifyInventory(
                "http://127.0.0.1:" + shopify.port() + "/shopify/{shop}/admin/api/2026-04/graphql.json",
                TestChannels.credentials(), TestChannels.http(), time.pacing(2, 4, Duration.ofSeconds(2)),
                time.clock());
    }

    @AfterEach
    void stop() {
        shopify.stop();
    }

    @Test
    void setsAvailableFromTheBelievedQuantityWithTheCallersIdempotencyKey() throws Exception {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(okJson(SET_OK)));

        List<PublishResult> results;
        SpanContext trace = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope ignored = Span.wrap(trace).makeCurrent()) {
            results = inventory.publish(List.of(new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42")));
        }

        assertThat(results).containsExactly(new PublishResult.Published(KEY, 7, FakeTime.START));
        shopify.verify(1, postRequestedFor(urlPathEqualTo(GRAPHQL))
                .withHeader("X-Shopify-Access-Token", equalTo(TestChannels.SHOPIFY_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("traceparent", equalTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .withRequestBody(equalToJson("""
                        {"query": "${json-unit.any-string}",
                         "variables": {
                           "input": {"name": "available", "reason": "correction",
                                     "referenceDocumentUri": "commerce-sync://stock/MUG-1",
                                     "quantities": [{"inventoryItemId": "%s", "locationId": "%s",
                                                     "quantity": 7, "changeFromQuantity": 5}]},
                           "idempotencyKey": "rev-42"}}""".formatted(ITEM, LOCATION))));
        String query = json.readTree(requests().get(0).getBodyAsString()).path("query").asText();
        assertThat(query)
                .contains("mutation SetAvailable($input: InventorySetQuantitiesInput!, $idempotencyKey: String!)")
                .contains("inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey)")
                .contains("userErrors { field message code }");
    }

    @Test
    void aStaleCompareQuantityIsReReadAndTheSetRetriedFromTheCurrentQuantity() throws Exception {
        String scenario = "another order took stock";
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[0].changeFromQuantity", equalTo("5")))
                .willReturn(okJson(SET_STALE)).willSetStateTo("stale"));
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).inScenario(scenario).whenScenarioStateIs("stale")
                .withRequestBody(containing("query Available"))
                .willReturn(okJson(available(3))).willSetStateTo("re-read"));
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).inScenario(scenario).whenScenarioStateIs("re-read")
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[0].changeFromQuantity", equalTo("3")))
                .willReturn(okJson(SET_OK)).willSetStateTo("set"));

        List<PublishResult> results = inventory.publish(
                List.of(new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42")));

        assertThat(results).containsExactly(new PublishResult.Published(KEY, 7, FakeTime.START));
        List<JsonNode> sent = sentBodies();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).path("query").asText()).contains("query Available");
        assertThat(sent.get(1).path("variables")).isEqualTo(json.readTree(
                "{\"inventoryItemId\":\"" + ITEM + "\",\"locationId\":\"" + LOCATION + "\"}"));
        JsonNode retry = sent.get(2).path("variables");
        assertThat(retry.at("/input/quantities/0/changeFromQuantity").asLong()).isEqualTo(3);
        assertThat(retry.at("/input/quantities/0/quantity").asLong()).isEqualTo(7);
        // A different input must not reuse the first key: Shopify would answer the first (stale) result again.
        assertThat(retry.path("idempotencyKey").asText()).isEqualTo("rev-42:from-3");
    }

    @Test
    void aQuantityThatKeepsChangingEndsUnavailableAfterThreeAttempts() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).withRequestBody(containing("inventorySetQuantities"))
                .willReturn(okJson(SET_STALE)));
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).withRequestBody(containing("query Available"))
                .willReturn(okJson(available(2))));

        List<PublishResult> results = inventory.publish(
                List.of(new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42")));

        assertThat(results).singleElement().isInstanceOfSatisfying(PublishResult.Unavailable.class,
                u -> assertThat(u.reason()).contains("3 compare-and-set attempts"));
        shopify.verify(3, postRequestedFor(urlPathEqualTo(GRAPHQL)).withRequestBody(
                containing("inventorySetQuantities")));
        shopify.verify(2, postRequestedFor(urlPathEqualTo(GRAPHQL)).withRequestBody(containing("query Available")));
    }

    @Test
    void anUnknownBelievedQuantityIsReadBeforeTheSet() throws Exception {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).withRequestBody(containing("query Available"))
                .willReturn(okJson(available(11))));
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).withRequestBody(containing("inventorySetQuantities"))
                .willReturn(okJson(SET_OK)));

        List<PublishResult> results = inventory.publish(
                List.of(new ListingQuantity("MUG-1", LISTING, 4, null, "rev-43")));

        assertThat(results).containsExactly(new PublishResult.Published(KEY, 4, FakeTime.START));
        List<JsonNode> sent = sentBodies();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).path("query").asText()).contains("query Available")
                .contains("quantities(names: [\"available\"])");
        assertThat(sent.get(1).at("/variables/input/quantities/0/changeFromQuantity").asLong()).isEqualTo(11);
        assertThat(sent.get(1).at("/variables/idempotencyKey").asText()).isEqualTo("rev-43:from-11");
    }

    @Test
    void anEmptyCostBucketThrottlesTheShopForTheComputedWait() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(okJson("""
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED",
                  "documentation":"https://shopify.dev/api/usage/rate-limits"}}],
                 "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":null,
                  "throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":0.5,"restoreRate":2.0}}}}""")));
        ChannelListing otherLocation = new ChannelListing(SalesChannel.SHOPIFY, SHOP, null, ITEM,
                "gid://shopify/Location/2", null, null, null);

        List<PublishResult> results = inventory.publish(List.of(
                new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42"),
                new ListingQuantity("MUG-1", otherLocation, 7, 5L, "rev-42")));

        // ceil((10 - 0.5) / 2.0) = 5 s; the shop's other listing waits with it, unsent.
        assertThat(results).containsExactly(
                new PublishResult.Throttled(KEY, Duration.ofSeconds(5)),
                new PublishResult.Throttled(otherLocation.listingKey("MUG-1"), Duration.ofSeconds(5)));
        shopify.verify(1, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    @Test
    void http429IsThrottledForItsRetryAfter() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3")));

        assertThat(inventory.publish(List.of(new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42"))))
                .containsExactly(new PublishResult.Throttled(KEY, Duration.ofSeconds(3)));
    }

    @Test
    void aUserErrorIsRejectedWithItsCodeAndNotRetried() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(okJson("""
                {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":null,
                  "userErrors":[{"field":["input","quantities","0","locationId"],
                    "message":"The specified location could not be found.","code":"INVALID_LOCATION"}]}}}""")));

        List<PublishResult> results = inventory.publish(
                List.of(new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42")));

        assertThat(results).singleElement().isInstanceOfSatisfying(PublishResult.Rejected.class, r -> {
            assertThat(r.listingKey()).isEqualTo(KEY);
            assertThat(r.reason()).contains("INVALID_LOCATION", "The specified location could not be found.");
        });
        shopify.verify(1, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    @Test
    void serverErrorsAndRefusedConnectionsAreUnavailable() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(503)));
        assertThat(inventory.publish(List.of(new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42"))))
                .singleElement().isInstanceOfSatisfying(PublishResult.Unavailable.class,
                        u -> assertThat(u.reason()).contains("HTTP 503"));

        int port = shopify.port();
        shopify.stop();
        ShopifyInventory down = new ShopifyInventory(
                "http://127.0.0.1:" + port + "/shopify/{shop}/admin/api/2026-04/graphql.json",
                TestChannels.credentials(), TestChannels.http(), time.pacing(2, 4, Duration.ofSeconds(2)),
                time.clock());
        assertThat(down.publish(List.of(new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42"))))
                .singleElement().isInstanceOf(PublishResult.Unavailable.class);
    }

    @Test
    void aRefusedAccessTokenOrAShopWithoutCredentialsIsRejected() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));
        ChannelListing unknownShop = new ChannelListing(SalesChannel.SHOPIFY, "nobody.myshopify.com", null, ITEM,
                LOCATION, null, null, null);

        List<PublishResult> results = inventory.publish(List.of(
                new ListingQuantity("MUG-1", LISTING, 7, 5L, "rev-42"),
                new ListingQuantity("MUG-1", unknownShop, 7, 5L, "rev-42")));

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(PublishResult.Rejected.class));
        assertThat(((PublishResult.Rejected) results.get(0)).reason())
                .contains("access token refused for acme.myshopify.com")
                .doesNotContain(TestChannels.SHOPIFY_TOKEN);
        assertThat(((PublishResult.Rejected) results.get(1)).reason())
                .contains("no credentials for shopify account nobody.myshopify.com");
        shopify.verify(1, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    @Test
    void readsBackTheAvailableQuantityAndSaysWhyAListingCannotBeRead() {
        ChannelListing notStocked = new ChannelListing(SalesChannel.SHOPIFY, SHOP, null, ITEM,
                "gid://shopify/Location/2", null, null, null);
        ChannelListing unknownItem = new ChannelListing(SalesChannel.SHOPIFY, SHOP, null,
                "gid://shopify/InventoryItem/404", LOCATION, null, null, null);
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL))
                .withRequestBody(matchingJsonPath("$.variables.locationId", equalTo(LOCATION)))
                .withRequestBody(matchingJsonPath("$.variables.inventoryItemId", equalTo(ITEM)))
                .willReturn(okJson(available(6))));
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL))
                .withRequestBody(matchingJsonPath("$.variables.locationId", equalTo("gid://shopify/Location/2")))
                .willReturn(okJson("{\"data\":{\"inventoryItem\":{\"inventoryLevel\":null}}}")));
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL))
                .withRequestBody(matchingJsonPath("$.variables.inventoryItemId",
                        equalTo("gid://shopify/InventoryItem/404")))
                .willReturn(okJson("{\"data\":{\"inventoryItem\":null}}")));

        List<ShownQuantity> shown = inventory.read(List.of(new ListingRef("MUG-1", LISTING),
                new ListingRef("MUG-1", notStocked), new ListingRef("MUG-1", unknownItem)));

        assertThat(shown.get(0)).isEqualTo(ShownQuantity.of(KEY, 6));
        assertThat(shown.get(1).quantity()).isNull();
        assertThat(shown.get(1).problem()).contains("not stocked at location gid://shopify/Location/2");
        assertThat(shown.get(2).quantity()).isNull();
        assertThat(shown.get(2).problem()).contains("no inventory item gid://shopify/InventoryItem/404");
        shopify.verify(3, postRequestedFor(urlPathEqualTo(GRAPHQL))
                .withHeader("X-Shopify-Access-Token", equalTo(TestChannels.SHOPIFY_TOKEN))
                .withRequestBody(containing("inventoryLevel(locationId: $locationId)")));
    }

    @Test
    void callsToOneShopArePacedAndAShopBeyondItsSlotIsThrottledUnsent() {
        shopify.stubFor(post(urlPathMatching("/shopify/[^/]+/admin/api/2026-04/graphql.json"))
                .willReturn(okJson(SET_OK)));
        ShopifyInventory slow = new ShopifyInventory(
                "http://127.0.0.1:" + shopify.port() + "/shopify/{shop}/admin/api/2026-04/graphql.json",
                TestChannels.credentials(), TestChannels.http(), time.pacing(0.5, 2, Duration.ofSeconds(1)),
                time.clock());
        ChannelListing other = new ChannelListing(SalesChannel.SHOPIFY, "other.myshopify.com", null, ITEM,
                LOCATION, null, null, null);

        List<PublishResult> results = slow.publish(List.of(
                new ListingQuantity("A", LISTING, 1, 0L, "k1"),
                new ListingQuantity("B", LISTING, 2, 0L, "k2"),
                new ListingQuantity("C", LISTING, 3, 0L, "k3"),
                new ListingQuantity("A", other, 4, 0L, "k4")));

        assertThat(results.get(0)).isInstanceOf(PublishResult.Published.class);
        assertThat(results.get(1)).isInstanceOf(PublishResult.Published.class);
        // Two slots per shop at once, then one every 2 s: further away than the 1 s we may wait.
        assertThat(results.get(2)).isEqualTo(new PublishResult.Throttled(KEY, Duration.ofSeconds(2)));
        assertThat(results.get(3)).isInstanceOf(PublishResult.Published.class);
        assertThat(requests()).extracting(LoggedRequest::getUrl).containsExactly(GRAPHQL, GRAPHQL,
                "/shopify/other.myshopify.com/admin/api/2026-04/graphql.json");
        assertThat(requests().get(2).getHeader("X-Shopify-Access-Token")).isEqualTo("shpat_other");
        assertThat(time.sleeps()).isEmpty();
    }

    private static String available(long quantity) {
        return """
                {"data":{"inventoryItem":{"inventoryLevel":{"quantities":[{"name":"available","quantity":%d}]}}},
                 "extensions":{"cost":{"requestedQueryCost":2,"actualQueryCost":2,
                  "throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":998.0,"restoreRate":50.0}}}}"""
                .formatted(quantity);
    }

    private List<LoggedRequest> requests() {
        return shopify.findAll(RequestPatternBuilder.allRequests());
    }

    private List<JsonNode> sentBodies() throws Exception {
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (LoggedRequest request : requests()) {
            bodies.add(json.readTree(request.getBodyAsString()));
        }
        return bodies;
    }
}
