package dev.commercesync.inventory.channel.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.commercesync.inventory.channel.FakeTime;
import dev.commercesync.inventory.channel.ListingQuantity;
import dev.commercesync.inventory.channel.ListingRef;
import dev.commercesync.inventory.channel.PublishResult;
import dev.commercesync.inventory.channel.ShownQuantity;
import dev.commercesync.inventory.channel.TestChannels;
import dev.commercesync.model.inventory.ChannelListing;
import dev.commercesync.model.order.SalesChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link EbayInventory} against a WireMock Sell Inventory API v1 and eBay OAuth. */
class EbayInventoryTest {

    private static final String BULK = "/ebay/sell/inventory/v1/bulk_update_price_quantity";
    private static final String TOKEN = "/ebay/identity/v1/oauth2/token";
    private static final String ITEM = "/ebay/sell/inventory/v1/inventory_item/";
    private static final String ACCOUNT = "acme-ebay";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeTime time = new FakeTime();
    private WireMockServer ebay;

    @BeforeEach
    void start() {
        ebay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ebay.start();
        stubToken(STARTED, "v^1.1#first", null);
    }

    @AfterEach
    void stop() {
        ebay.stop();
    }

    private EbayInventory inventory(int maxSkusPerCall) {
        return new EbayInventory("http://127.0.0.1:" + ebay.port() + "/ebay", maxSkusPerCall,
                TestChannels.credentials(), TestChannels.http(), time.pacing(2, 2, Duration.ofSeconds(2)),
                time.clock());
    }

    private static ChannelListing listing(String... offerIds) {
        return new ChannelListing(SalesChannel.EBAY, ACCOUNT, null, null, null, null, List.of(offerIds), null);
    }

    @Test
    void thirtyUpdatesOfOneAccountGoOutAsTwoCallsOf25And5() throws Exception {
        List<ListingQuantity> updates = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            updates.add(new ListingQuantity("SKU-%02d".formatted(i), listing("90%02d".formatted(i)), i, null, "k"));
        }
        ebay.stubFor(post(urlPathEqualTo(BULK)).withRequestBody(matchingJsonPath("$.requests[0].sku",
                equalTo("SKU-01"))).willReturn(okJson(allOk(updates.subList(0, 25)))));
        ebay.stubFor(post(urlPathEqualTo(BULK)).withRequestBody(matchingJsonPath("$.requests[0].sku",
                equalTo("SKU-26"))).willReturn(okJson(allOk(updates.subList(25, 30)))));

        List<PublishResult> results = inventory(25).publish(updates);

        assertThat(results).hasSize(30).allSatisfy(r -> assertThat(r).isInstanceOf(PublishResult.Published.class));
        assertThat(results).contains(new PublishResult.Published("ebay#acme-ebay#SKU-17", 17, FakeTime.START),
                new PublishResult.Published("ebay#acme-ebay#SKU-30", 30, FakeTime.START));
        List<LoggedRequest> calls = ebay.findAll(postRequestedFor(urlPathEqualTo(BULK)));
        assertThat(calls).hasSize(2);
        JsonNode first = json.readTree(calls.get(0).getBodyAsString()).path("requests");
        JsonNode second = json.readTree(calls.get(1).getBodyAsString()).path("requests");
        assertThat(first).hasSize(25);
        assertThat(second).hasSize(5);
        assertThat(second.get(4)).isEqualTo(json.readTree("""
                {"sku":"SKU-30","shipToLocationAvailability":{"quantity":30},
                 "offers":[{"offerId":"9030","availableQuantity":30}]}"""));
        ebay.verify(2, postRequestedFor(urlPathEqualTo(BULK))
                .withHeader("Authorization", equalTo("Bearer v^1.1#first"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Content-Language", equalTo("en-US")));
        ebay.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    @Test
    void eachSkuTakesTheResultsOfItsOffers() {
        ebay.stubFor(post(urlPathEqualTo(BULK)).willReturn(okJson("""
                {"responses":[
                  {"statusCode":200,"sku":"MUG-A","offerId":"1001","errors":[],"warnings":[]},
                  {"statusCode":200,"sku":"MUG-A","offerId":"1002","errors":[],"warnings":[]},
                  {"statusCode":400,"sku":"MUG-B","offerId":"2001","errors":[{"errorId":25002,"domain":"API_INVENTORY",
                     "category":"REQUEST","message":"A user error has occurred. Offer not published."}],"warnings":[]},
                  {"statusCode":200,"sku":"MUG-C","errors":[],"warnings":[]},
                  {"statusCode":500,"sku":"MUG-D","offerId":"4001","errors":[{"errorId":25001,"domain":"API_INVENTORY",
                     "category":"APPLICATION","message":"A system error has occurred."}],"warnings":[]}]}""")));

        List<PublishResult> results = inventory(25).publish(List.of(
                new ListingQuantity("MUG-A", listing("1001", "1002"), 5, null, "k"),
                new ListingQuantity("MUG-B", listing("2001"), 6, null, "k"),
                new ListingQuantity("MUG-C", listing(), 7, null, "k"),
                new ListingQuantity("MUG-D", listing("4001"), 8, null, "k")));

        assertThat(results.get(0)).isEqualTo(new PublishResult.Published("ebay#acme-ebay#MUG-A", 5, FakeTime.START));
        assertThat(results.get(1)).isInstanceOfSatisfying(PublishResult.Rejected.class,
                r -> assertThat(r.reason()).contains("offer 2001", "HTTP 400", "25002", "Offer not published."));
        assertThat(results.get(2)).isEqualTo(new PublishResult.Published("ebay#acme-ebay#MUG-C", 7, FakeTime.START));
        assertThat(results.get(3)).isInstanceOfSatisfying(PublishResult.Unavailable.class,
                u -> assertThat(u.reason()).contains("HTTP 500", "25001"));
        ebay.verify(1, postRequestedFor(urlPathEqualTo(BULK)).withRequestBody(equalToJson("""
                {"requests":[
                  {"sku":"MUG-A","shipToLocationAvailability":{"quantity":5},
                   "offers":[{"offerId":"1001","availableQuantity":5},{"offerId":"1002","availableQuantity":5}]},
                  {"sku":"MUG-B","shipToLocationAvailability":{"quantity":6},
                   "offers":[{"offerId":"2001","availableQuantity":6}]},
                  {"sku":"MUG-C","shipToLocationAvailability":{"quantity":7}},
                  {"sku":"MUG-D","shipToLocationAvailability":{"quantity":8},
                   "offers":[{"offerId":"4001","availableQuantity":8}]}]}""")));
    }

    @Test
    void a401RefreshesTheTokenOnceAndRepeatsTheCall() {
        stubToken(STARTED, "v^1.1#first", "first issued");
        stubToken("first issued", "v^1.1#second", "second issued");
        ebay.stubFor(post(urlPathEqualTo(BULK)).withHeader("Authorization", equalTo("Bearer v^1.1#first"))
                .willReturn(aResponse().withStatus(401).withBody("""
                        {"errors":[{"errorId":1001,"domain":"OAuth","category":"REQUEST",
                          "message":"Invalid access token","longMessage":"Invalid access token. Check the value of the Authorization HTTP request header."}]}""")));
        ebay.stubFor(post(urlPathEqualTo(BULK)).withHeader("Authorization", equalTo("Bearer v^1.1#second"))
                .willReturn(okJson("{\"responses\":[{\"statusCode\":200,\"sku\":\"MUG-A\",\"offerId\":\"1001\"}]}")));

        List<PublishResult> results = inventory(25).publish(List.of(
                new ListingQuantity("MUG-A", listing("1001"), 5, null, "k")));

        assertThat(results).containsExactly(new PublishResult.Published("ebay#acme-ebay#MUG-A", 5, FakeTime.START));
        ebay.verify(2, postRequestedFor(urlPathEqualTo(BULK)));
        String basic = Base64.getEncoder().encodeToString(("Acme-Sync-PRD-1234:" + TestChannels.EBAY_CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        ebay.verify(2, postRequestedFor(urlPathEqualTo(TOKEN))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(TestChannels.EBAY_REFRESH_TOKEN))
                .withFormParam("scope", equalTo("https://api.ebay.com/oauth/api_scope/sell.inventory")));
    }

    @Test
    void a401WithAFreshTokenIsRejected() {
        ebay.stubFor(post(urlPathEqualTo(BULK)).willReturn(aResponse().withStatus(401).withBody(
                "{\"errors\":[{\"errorId\":1001,\"message\":\"Invalid access token\"}]}")));

        List<PublishResult> results = inventory(25).publish(List.of(
                new ListingQuantity("MUG-A", listing("1001"), 5, null, "k"),
                new ListingQuantity("MUG-B", listing("1002"), 5, null, "k")));

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(
                PublishResult.Rejected.class, rejected -> assertThat(rejected.reason()).contains("HTTP 401")));
        ebay.verify(2, postRequestedFor(urlPathEqualTo(BULK)));
    }

    @Test
    void a429ThrottlesTheAccountsRemainingCallsUnsent() {
        ebay.stubFor(post(urlPathEqualTo(BULK)).willReturn(aResponse().withStatus(429)));
        List<ListingQuantity> updates = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            updates.add(new ListingQuantity("SKU-" + i, listing(), i, null, "k"));
        }

        List<PublishResult> results = inventory(2).publish(updates);

        assertThat(results).hasSize(4).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(
                PublishResult.Throttled.class, t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(60))));
        ebay.verify(1, postRequestedFor(urlPathEqualTo(BULK)));
    }

    @Test
    void aFailedCallLeavesEveryUpdateItCarriedWithAResult() {
        ebay.stubFor(post(urlPathEqualTo(BULK)).willReturn(aResponse().withStatus(503)));
        ChannelListing noCredentials = new ChannelListing(SalesChannel.EBAY, "stranger", null, null, null, null,
                null, null);

        List<PublishResult> results = inventory(25).publish(List.of(
                new ListingQuantity("MUG-A", listing("1001"), 5, null, "k"),
                new ListingQuantity("MUG-B", listing(), 6, null, "k"),
                new ListingQuantity("MUG-A", noCredentials, 1, null, "k")));

        assertThat(results).hasSize(3);
        assertThat(results.subList(0, 2)).allSatisfy(r -> assertThat(r).isInstanceOf(PublishResult.Unavailable.class));
        assertThat(results.get(2)).isInstanceOfSatisfying(PublishResult.Rejected.class,
                r -> assertThat(r.reason()).contains("no credentials for ebay account stranger"));
    }

    @Test
    void twoUpdatesOfOneSkuNeverShareACall() {
        ebay.stubFor(post(urlPathEqualTo(BULK)).withRequestBody(matchingJsonPath("$.requests[0].sku",
                equalTo("MUG-A"))).willReturn(okJson("""
                {"responses":[{"statusCode":200,"sku":"MUG-A"},{"statusCode":200,"sku":"MUG-B"}]}""")));

        List<PublishResult> results = inventory(25).publish(List.of(
                new ListingQuantity("MUG-A", listing(), 5, null, "k"),
                new ListingQuantity("MUG-B", listing(), 6, null, "k"),
                new ListingQuantity("MUG-A", listing(), 4, null, "k")));

        assertThat(results).extracting(PublishResult::getClass).containsOnly(PublishResult.Published.class);
        List<LoggedRequest> calls = ebay.findAll(postRequestedFor(urlPathEqualTo(BULK)));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getBodyAsString()).contains("\"quantity\":4").doesNotContain("MUG-B");
    }

    @Test
    void readsTheShipToLocationQuantityAndReportsAnUnknownItem() {
        ebay.stubFor(get(urlPathEqualTo(ITEM + "MUG-A")).willReturn(okJson("""
                {"sku":"MUG-A","availability":{"shipToLocationAvailability":{"quantity":7}},
                 "condition":"NEW","product":{"title":"Mug"}}""")));
        ebay.stubFor(get(urlPathEqualTo(ITEM + "GONE")).willReturn(aResponse().withStatus(404).withBody("""
                {"errors":[{"errorId":25710,"domain":"API_INVENTORY","category":"REQUEST",
                  "message":"We didn't find the resource/entity you are requesting."}]}""")));

        List<ShownQuantity> shown = inventory(25).read(List.of(new ListingRef("MUG-A", listing("1001")),
                new ListingRef("GONE", listing())));

        assertThat(shown.get(0)).isEqualTo(ShownQuantity.of("ebay#acme-ebay#MUG-A", 7));
        assertThat(shown.get(1).quantity()).isNull();
        assertThat(shown.get(1).problem()).contains("no inventory item GONE");
        ebay.verify(getRequestedFor(urlPathEqualTo(ITEM + "MUG-A"))
                .withHeader("Authorization", equalTo("Bearer v^1.1#first")));
    }

    @Test
    void refusesMoreSkusPerCallThanEbayAccepts() {
        assertThatThrownBy(() -> inventory(26)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-skus-per-call");
        assertThatThrownBy(() -> inventory(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private String allOk(List<ListingQuantity> updates) {
        ObjectNode body = json.createObjectNode();
        ArrayNode responses = body.putArray("responses");
        for (ListingQuantity update : updates) {
            responses.addObject().put("statusCode", 200).put("sku", update.sku())
                    .put("offerId", update.listing().offerIds().get(0)).putArray("errors");
        }
        return body.toString();
    }

    private void stubToken(String state, String token, String nextState) {
        var stub = post(urlPathEqualTo(TOKEN)).inScenario("oauth").whenScenarioStateIs(state)
                .willReturn(okJson("""
                        {"access_token":"%s","expires_in":7200,"token_type":"User Access Token"}"""
                        .formatted(token)));
        ebay.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }
}
