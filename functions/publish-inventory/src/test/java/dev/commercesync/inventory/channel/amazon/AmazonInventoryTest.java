package dev.commercesync.inventory.channel.amazon;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.commercesync.inventory.channel.AccountPacing;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link AmazonInventory} against a WireMock SP-API (Listings Items 2021-08-01) and Login with Amazon. */
class AmazonInventoryTest {

    private static final String MARKETPLACES = "ATVPDKIKX0DER,A2EUQ1WTGCTBG2";
    private static final ChannelListing A1_LISTING = new ChannelListing(SalesChannel.AMAZON, "A1SELLER", null, null,
            null, List.of("ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"), null, null);
    private static final ChannelListing A2_LISTING = new ChannelListing(SalesChannel.AMAZON, "A2SELLER", null, null,
            null, List.of("ATVPDKIKX0DER"), null, null);
    private static final String TOKEN_PATH = "/amazon/auth/o2/token";
    private static final String ITEMS = "/amazon/listings/2021-08-01/items/";

    private final FakeTime time = new FakeTime();
    /** When (on the fake clock) each listings call reached Amazon, and for which seller. */
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private WireMockServer amazon;

    private record Call(String seller, long atNanos) {
    }

    @BeforeEach
    void start() {
        ServeEventListener clockOfCalls = new ServeEventListener() {
            @Override
            public void beforeResponseSent(ServeEvent event, Parameters parameters) {
                String url = event.getRequest().getUrl();
                if (url.startsWith(ITEMS)) {
                    calls.add(new Call(url.substring(ITEMS.length()).split("/")[0], time.nanos()));
                }
            }

            @Override
            public String getName() {
                return "clock-of-calls";
            }
        };
        amazon = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(clockOfCalls));
        amazon.start();
        stubToken(STARTED, "Atza|first", null);
    }

    @AfterEach
    void stop() {
        amazon.stop();
    }

    private AmazonInventory inventory(AccountPacing pacing) {
        String base = "http://127.0.0.1:" + amazon.port() + "/amazon";
        return new AmazonInventory(base, base, TestChannels.credentials(), TestChannels.http(), pacing, time.clock());
    }

    private AmazonInventory inventory() {
        return inventory(time.pacing(2.5, 5, Duration.ofSeconds(2)));
    }

    @Test
    void patchesTheMerchantFulfilledQuantityWithOneCachedLwaToken() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + "A1SELLER/.*")).willReturn(accepted()));
        AmazonInventory inventory = inventory();

        List<PublishResult> first = inventory.publish(List.of(
                new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1"),
                new ListingQuantity("BLUE MUG/2", A1_LISTING, 0, null, "k2")));
        List<PublishResult> later = inventory.publish(List.of(
                new ListingQuantity("MUG-1", A1_LISTING, 6, null, "k3")));

        assertThat(first).containsExactly(
                new PublishResult.Published("amazon#A1SELLER#MUG-1", 7, FakeTime.START),
                new PublishResult.Published("amazon#A1SELLER#BLUE MUG/2", 0, FakeTime.START));
        assertThat(later).containsExactly(new PublishResult.Published("amazon#A1SELLER#MUG-1", 6, FakeTime.START));
        amazon.verify(patchRequestedFor(urlPathEqualTo(ITEMS + "A1SELLER/MUG-1"))
                .withQueryParam("marketplaceIds", equalTo(MARKETPLACES))
                .withHeader("x-amz-access-token", equalTo("Atza|first"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"productType": "PRODUCT",
                         "patches": [{"op": "replace", "path": "/attributes/fulfillment_availability",
                                      "value": [{"fulfillment_channel_code": "DEFAULT", "quantity": 7}]}]}""")));
        // The SKU is one URL-encoded path segment.
        assertThat(amazon.findAll(patchRequestedFor(urlPathMatching(ITEMS + ".*"))).get(1).getUrl())
                .startsWith(ITEMS + "A1SELLER/BLUE%20MUG%2F2?");
        amazon.verify(3, patchRequestedFor(urlPathMatching(ITEMS + ".*")));
        amazon.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(TestChannels.AMAZON_REFRESH_TOKEN))
                .withFormParam("client_id", equalTo("amzn1.application-oa2-client.test"))
                .withFormParam("client_secret", equalTo(TestChannels.AMAZON_CLIENT_SECRET)));
    }

    @Test
    void theTokenIsFetchedAgainAMinuteBeforeItExpires() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).willReturn(accepted()));
        AmazonInventory inventory = inventory();
        inventory.publish(List.of(new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1")));
        time.advance(Duration.ofSeconds(3600 - 61));
        inventory.publish(List.of(new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1")));
        amazon.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

        time.advance(Duration.ofSeconds(1));
        inventory.publish(List.of(new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1")));
        amazon.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void a403RefreshesTheTokenOnceAndRepeatsTheCall() {
        stubToken(STARTED, "Atza|first", "first issued");
        stubToken("first issued", "Atza|second", "second issued");
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).withHeader("x-amz-access-token", equalTo("Atza|first"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                        {"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied.",
                          "details":"The access token you provided has expired."}]}""")));
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).withHeader("x-amz-access-token", equalTo("Atza|second"))
                .willReturn(accepted()));

        List<PublishResult> results = inventory().publish(List.of(
                new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1")));

        assertThat(results).containsExactly(new PublishResult.Published("amazon#A1SELLER#MUG-1", 7, FakeTime.START));
        amazon.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        amazon.verify(2, patchRequestedFor(urlPathEqualTo(ITEMS + "A1SELLER/MUG-1")));
    }

    @Test
    void a403WithAFreshTokenIsRejectedAfterOneRetry() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).willReturn(aResponse().withStatus(403).withBody("""
                {"errors":[{"code":"Unauthorized","message":"Access to requested resource is denied."}]}""")));

        List<PublishResult> results = inventory().publish(List.of(
                new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1")));

        assertThat(results).singleElement().isInstanceOfSatisfying(PublishResult.Rejected.class,
                r -> assertThat(r.reason()).contains("HTTP 403", "Unauthorized"));
        amazon.verify(2, patchRequestedFor(urlPathMatching(ITEMS + ".*")));
        amazon.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void a429StormThrottlesTheSellerForRetryAfterWithoutCallingAgain() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + "A1SELLER/.*")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withHeader("x-amzn-RateLimit-Limit", "5.0")
                .withBody("{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota.\"}]}")));
        amazon.stubFor(patch(urlPathMatching(ITEMS + "A2SELLER/.*")).willReturn(accepted()));

        List<PublishResult> results = inventory().publish(List.of(
                new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1"),
                new ListingQuantity("MUG-2", A1_LISTING, 7, null, "k2"),
                new ListingQuantity("MUG-1", A2_LISTING, 7, null, "k3"),
                new ListingQuantity("MUG-3", A1_LISTING, 7, null, "k4")));

        assertThat(results).containsExactly(
                new PublishResult.Throttled("amazon#A1SELLER#MUG-1", Duration.ofSeconds(7)),
                new PublishResult.Throttled("amazon#A1SELLER#MUG-2", Duration.ofSeconds(7)),
                new PublishResult.Published("amazon#A2SELLER#MUG-1", 7, FakeTime.START),
                new PublishResult.Throttled("amazon#A1SELLER#MUG-3", Duration.ofSeconds(7)));
        amazon.verify(1, patchRequestedFor(urlPathMatching(ITEMS + "A1SELLER/.*")));
    }

    @Test
    void a429WithoutRetryAfterWaitsOneSecond() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).willReturn(aResponse().withStatus(429)));
        assertThat(inventory().publish(List.of(new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1"))))
                .containsExactly(new PublishResult.Throttled("amazon#A1SELLER#MUG-1", Duration.ofSeconds(1)));
    }

    @Test
    void anInvalidSubmissionAMissingListingAndABadRequestAreRejected() {
        amazon.stubFor(patch(urlPathEqualTo(ITEMS + "A1SELLER/MUG-1")).willReturn(okJson("""
                {"sku":"MUG-1","status":"INVALID","submissionId":"f1dc2914-75dd-11ea-bc55-0242ac130003",
                 "issues":[{"code":"90220","message":"'fulfillment_availability' is required but not supplied.",
                            "severity":"ERROR","attributeNames":["fulfillment_availability"]},
                           {"code":"18027","message":"A minor warning.","severity":"WARNING"}]}""")));
        amazon.stubFor(patch(urlPathEqualTo(ITEMS + "A1SELLER/GONE")).willReturn(aResponse().withStatus(404)
                .withBody("{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"Listing not found.\"}]}")));
        amazon.stubFor(patch(urlPathEqualTo(ITEMS + "A1SELLER/BAD")).willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"Invalid marketplace.\"}]}")));

        List<PublishResult> results = inventory().publish(List.of(
                new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1"),
                new ListingQuantity("GONE", A1_LISTING, 7, null, "k2"),
                new ListingQuantity("BAD", A1_LISTING, 7, null, "k3")));

        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r).isInstanceOf(PublishResult.Rejected.class));
        assertThat(((PublishResult.Rejected) results.get(0)).reason())
                .contains("90220", "'fulfillment_availability' is required").doesNotContain("minor warning");
        assertThat(((PublishResult.Rejected) results.get(1)).reason())
                .contains("no listing GONE for seller A1SELLER", "NOT_FOUND");
        assertThat(((PublishResult.Rejected) results.get(2)).reason()).contains("HTTP 400", "Invalid marketplace.");
    }

    @Test
    void serverErrorsAreUnavailable() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).willReturn(aResponse().withStatus(503)));
        assertThat(inventory().publish(List.of(new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1"))))
                .singleElement().isInstanceOfSatisfying(PublishResult.Unavailable.class,
                        u -> assertThat(u.reason()).contains("HTTP 503"));
    }

    @Test
    void refusedLwaCredentialsRejectTheUpdateWithoutLeakingThem() {
        amazon.resetAll();
        amazon.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400).withBody("""
                {"error":"invalid_grant","error_description":"The request has an invalid grant parameter : refresh_token"}""")));
        ChannelListing noCredentials = new ChannelListing(SalesChannel.AMAZON, "A9UNKNOWN", null, null, null,
                List.of("ATVPDKIKX0DER"), null, null);

        List<PublishResult> results = inventory().publish(List.of(
                new ListingQuantity("MUG-1", A1_LISTING, 7, null, "k1"),
                new ListingQuantity("MUG-1", noCredentials, 7, null, "k2")));

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(PublishResult.Rejected.class));
        assertThat(((PublishResult.Rejected) results.get(0)).reason()).contains("invalid_grant")
                .doesNotContain(TestChannels.AMAZON_REFRESH_TOKEN, TestChannels.AMAZON_CLIENT_SECRET);
        assertThat(((PublishResult.Rejected) results.get(1)).reason())
                .contains("no credentials for amazon account A9UNKNOWN");
        amazon.verify(0, patchRequestedFor(urlPathMatching(ITEMS + ".*")));
    }

    @Test
    void callsToEachSellerStayWithinItsRateAndBurst() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).willReturn(accepted()));
        List<ListingQuantity> updates = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            updates.add(new ListingQuantity("SKU-" + i, A1_LISTING, i, null, "k" + i));
        }
        updates.add(new ListingQuantity("SKU-1", A2_LISTING, 1, null, "a2"));
        updates.add(new ListingQuantity("SKU-2", A2_LISTING, 2, null, "a2"));

        List<PublishResult> results = inventory(time.pacing(2.5, 5, Duration.ofSeconds(2))).publish(updates);

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(PublishResult.Published.class));
        // A1: five at once, then one every 400 ms; A2 has its own bucket and waits for nothing.
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400),
                Duration.ofMillis(400));
        List<Call> a1 = calls.stream().filter(c -> c.seller().equals("A1SELLER")).toList();
        assertThat(a1).extracting(Call::atNanos).containsExactly(0L, 0L, 0L, 0L, 0L,
                Duration.ofMillis(400).toNanos(), Duration.ofMillis(800).toNanos(), Duration.ofMillis(1200).toNanos());
        assertWithinRate(a1, 2.5, 5);
        assertThat(calls.stream().filter(c -> c.seller().equals("A2SELLER")).count()).isEqualTo(2);
    }

    @Test
    void aSlotFurtherAwayThanTheLongestWaitThrottlesTheRestOfTheSellerUnsent() {
        amazon.stubFor(patch(urlPathMatching(ITEMS + ".*")).willReturn(accepted()));
        List<PublishResult> results = inventory(time.pacing(0.5, 2, Duration.ofSeconds(1))).publish(List.of(
                new ListingQuantity("SKU-1", A1_LISTING, 1, null, "k1"),
                new ListingQuantity("SKU-2", A1_LISTING, 2, null, "k2"),
                new ListingQuantity("SKU-3", A1_LISTING, 3, null, "k3"),
                new ListingQuantity("SKU-4", A1_LISTING, 4, null, "k4")));

        assertThat(results).extracting(PublishResult::getClass).containsExactly(PublishResult.Published.class,
                PublishResult.Published.class, PublishResult.Throttled.class, PublishResult.Throttled.class);
        assertThat(((PublishResult.Throttled) results.get(2)).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(calls).hasSize(2);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void readsTheDefaultFulfillmentQuantityAndReportsAMissingListing() {
        amazon.stubFor(get(urlPathEqualTo(ITEMS + "A1SELLER/MUG-1")).willReturn(okJson("""
                {"sku":"MUG-1","fulfillmentAvailability":[{"fulfillmentChannelCode":"AMAZON_NA","quantity":40},
                                                          {"fulfillmentChannelCode":"DEFAULT","quantity":7}]}""")));
        amazon.stubFor(get(urlPathEqualTo(ITEMS + "A1SELLER/GONE")).willReturn(aResponse().withStatus(404)
                .withBody("{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"Listing not found.\"}]}")));

        List<ShownQuantity> shown = inventory().read(List.of(new ListingRef("MUG-1", A1_LISTING),
                new ListingRef("GONE", A1_LISTING)));

        assertThat(shown.get(0)).isEqualTo(ShownQuantity.of("amazon#A1SELLER#MUG-1", 7));
        assertThat(shown.get(1).quantity()).isNull();
        assertThat(shown.get(1).problem()).contains("no listing GONE for seller A1SELLER");
        amazon.verify(getRequestedFor(urlPathEqualTo(ITEMS + "A1SELLER/MUG-1"))
                .withQueryParam("marketplaceIds", equalTo(MARKETPLACES))
                .withQueryParam("includedData", equalTo("fulfillmentAvailability"))
                .withHeader("x-amz-access-token", equalTo("Atza|first")));
    }

    /** Any run of calls from i to j fits in the bucket: (j - i + 1) ≤ burst + rate × (t_j − t_i). */
    private static void assertWithinRate(List<Call> calls, double rate, int burst) {
        for (int i = 0; i < calls.size(); i++) {
            for (int j = i; j < calls.size(); j++) {
                double seconds = (calls.get(j).atNanos() - calls.get(i).atNanos()) / 1e9;
                assertThat((double) (j - i + 1)).as("calls %d..%d", i, j).isLessThanOrEqualTo(
                        burst + rate * seconds + 1e-9);
            }
        }
    }

    private void stubToken(String state, String token, String nextState) {
        var stub = post(urlPathEqualTo(TOKEN_PATH)).inScenario("lwa").whenScenarioStateIs(state)
                .willReturn(okJson("""
                        {"access_token":"%s","token_type":"bearer","expires_in":3600,"refresh_token":"Atzr|rotated"}"""
                        .formatted(token)));
        amazon.stubFor(nextState == null ? stub : stub.willSetStateTo(nextState));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted() {
        return okJson("""
                {"sku":"MUG-1","status":"ACCEPTED","submissionId":"f1dc2914-75dd-11ea-bc55-0242ac130003","issues":[]}""");
    }
}
