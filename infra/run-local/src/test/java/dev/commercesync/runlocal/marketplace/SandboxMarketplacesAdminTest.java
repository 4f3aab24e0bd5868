package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.erp.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.commercesync.runlocal.marketplace.MarketplaceCaller.body;
import static dev.commercesync.runlocal.marketplace.MarketplaceCaller.ebayRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** Seeding, checks, stats, credentials and injected faults, through the sandbox's own routes and its Java API. */
class SandboxMarketplacesAdminTest {

    private static final String SHOP = "acme.myshopify.com";
    private static final String ITEM = "gid://shopify/InventoryItem/30322695";
    private static final String LOCATION = "gid://shopify/Location/1";
    private static final String OTHER_LOCATION = "gid://shopify/Location/2";
    private static final List<String> MARKETPLACES = List.of("ATVPDKIKX0DER");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private SandboxMarketplaces sandbox;
    private MarketplaceCaller caller;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxMarketplaces.start(SandboxMarketplacesConfig.defaults().withPort(0), clock);
        caller = new MarketplaceCaller(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void listensOnLoopbackAndNamesTheContractsEndpoints() {
        int port = sandbox.port();
        assertThat(sandbox.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + port));
        assertThat(sandbox.shopifyGraphqlEndpoint())
                .isEqualTo("http://127.0.0.1:" + port + "/shopify/{shop}/admin/api/2026-04/graphql.json");
        assertThat(sandbox.amazonEndpoint()).isEqualTo("http://127.0.0.1:" + port + "/amazon");
        assertThat(sandbox.amazonLwaEndpoint()).isEqualTo("http://127.0.0.1:" + port + "/amazon");
        assertThat(sandbox.ebayEndpoint()).isEqualTo("http://127.0.0.1:" + port + "/ebay");
    }

    @Test
    void seedsOverHttpAndHandsOutCredentialsForEverySeededAccount() {
        assertThat(caller.admin("POST", "/shopify/listings", "{\"shop\":\"" + SHOP + "\",\"sku\":\"SKU-1\","
                + "\"inventoryItemGid\":\"" + ITEM + "\",\"locationGid\":\"" + LOCATION + "\",\"available\":4}")
                .statusCode()).isEqualTo(201);
        assertThat(caller.admin("POST", "/amazon/listings", "{\"sellerId\":\"A1SELLERID\",\"sku\":\"SKU-1\","
                + "\"marketplaceIds\":[\"ATVPDKIKX0DER\"],\"quantity\":6}").statusCode()).isEqualTo(201);
        assertThat(caller.admin("POST", "/ebay/listings", "{\"account\":\"acme-ebay\",\"sku\":\"SKU-1\","
                + "\"offerIds\":[\"1234\"],\"quantity\":8}").statusCode()).isEqualTo(201);

        JsonNode credentials = MarketplaceCaller.credentials(sandbox);
        assertThat(credentials.path("shopify").path(SHOP).path("accessToken").asText()).isNotBlank();
        assertThat(credentials.path("amazon").path("A1SELLERID").path("refreshToken").asText()).isNotBlank();
        assertThat(credentials.path("amazon").path("A1SELLERID").path("clientId").asText()).isNotBlank();
        assertThat(credentials.path("ebay").path("acme-ebay").path("clientSecret").asText()).isNotBlank();
        assertThat(body(caller.admin("GET", "/credentials", null))).isEqualTo(credentials);
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "SKU-1")).hasValue(4);
        assertThat(sandbox.quantity(SalesChannel.AMAZON, "SKU-1")).hasValue(6);
        assertThat(sandbox.quantity(SalesChannel.EBAY, "SKU-1")).hasValue(8);
    }

    @Test
    void refusesBadSeedsAsProblems() {
        HttpResponse<String> badGid = caller.admin("POST", "/shopify/listings", "{\"shop\":\"" + SHOP + "\","
                + "\"sku\":\"SKU-1\",\"inventoryItemGid\":\"30322695\",\"locationGid\":\"" + LOCATION + "\","
                + "\"available\":4}");
        HttpResponse<String> typo = caller.admin("POST", "/amazon/listings", "{\"seller\":\"A1\"}");
        HttpResponse<String> unknownChannel = caller.admin("POST", "/etsy/listings", "{}");

        assertThat(badGid.statusCode()).isEqualTo(422);
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(unknownChannel.statusCode()).isEqualTo(404);
        for (HttpResponse<String> refused : List.of(badGid, typo, unknownChannel)) {
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void theInventoryCheckSumsOrNarrowsByAccountAndLocation() {
        sandbox.seedShopifyItem(SHOP, "SKU-1", ITEM, LOCATION, 4);
        sandbox.seedShopifyItem(SHOP, "SKU-1", ITEM, OTHER_LOCATION, 3);
        sandbox.seedShopifyItem("other.myshopify.com", "SKU-1", "gid://shopify/InventoryItem/9", LOCATION, 10);

        assertThat(body(caller.admin("GET", "/shopify/inventory/SKU-1", null)).path("quantity").asLong())
                .isEqualTo(17);
        assertThat(body(caller.admin("GET", "/shopify/inventory/SKU-1?account=" + SHOP, null)).path("quantity")
                .asLong()).isEqualTo(7);
        assertThat(body(caller.admin("GET", "/shopify/inventory/SKU-1?account=" + SHOP + "&locationId="
                + OTHER_LOCATION, null)).path("quantity").asLong()).isEqualTo(3);
        HttpResponse<String> none = caller.admin("GET", "/amazon/inventory/SKU-1", null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "SKU-1", SHOP, LOCATION)).hasValue(4);
        assertThat(sandbox.quantity(SalesChannel.AMAZON, "SKU-1")).isEmpty();
    }

    @Test
    void anOutageAnswers503OnEveryCallOfThatChannelOnly() {
        sandbox.seedAmazonListing("A1SELLERID", "SKU-1", MARKETPLACES, 5);
        sandbox.seedShopifyItem(SHOP, "SKU-1", ITEM, LOCATION, 4);
        JsonNode amazon = MarketplaceCaller.credentials(sandbox).path("amazon").path("A1SELLERID");
        String shopifyToken = MarketplaceCaller.credentials(sandbox).path("shopify").path(SHOP).path("accessToken")
                .asText();
        HttpResponse<String> set = caller.admin("PUT", "/amazon/faults", "{\"mode\":\"outage\"}");
        assertThat(body(set).path("mode").asText()).isEqualTo("outage");
        assertThat(body(set).path("until").isNull()).isTrue();

        HttpResponse<String> token = caller.amazonToken(amazon.path("clientId").asText(),
                amazon.path("clientSecret").asText(), amazon.path("refreshToken").asText());
        HttpResponse<String> patch = caller.amazonPatch("Atza|any", "A1SELLERID", "SKU-1", MARKETPLACES, 7);

        assertThat(token.statusCode()).isEqualTo(503);
        assertThat(patch.statusCode()).isEqualTo(503);
        assertThat(caller.shopifyRead(SHOP, shopifyToken, ITEM, LOCATION).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats(SalesChannel.AMAZON).failed()).isEqualTo(2);
        assertThat(sandbox.stats(SalesChannel.AMAZON).calls()).isEqualTo(2);
        assertThat(sandbox.stats(SalesChannel.SHOPIFY).failed()).isZero();

        assertThat(caller.admin("DELETE", "/amazon/faults", null).statusCode()).isEqualTo(200);
        assertThat(sandbox.fault(SalesChannel.AMAZON)).isEqualTo(MarketplaceFault.NONE);
        assertThat(caller.amazonToken(amazon.path("clientId").asText(), amazon.path("clientSecret").asText(),
                amazon.path("refreshToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void aThrottleStormThrottlesEveryInventoryCallButNotTokens() {
        sandbox.seedShopifyItem(SHOP, "SKU-1", ITEM, LOCATION, 4);
        sandbox.seedEbayItem("acme-ebay", "SKU-1", List.of("1234"), 2);
        JsonNode credentials = MarketplaceCaller.credentials(sandbox);
        sandbox.setFault(SalesChannel.SHOPIFY, MarketplaceFault.THROTTLE_STORM);
        sandbox.setFault(SalesChannel.EBAY, MarketplaceFault.THROTTLE_STORM);

        JsonNode shopify = body(caller.shopifySet(SHOP, credentials.path("shopify").path(SHOP).path("accessToken")
                .asText(), ITEM, LOCATION, 9, 4L, "storm-1"));
        JsonNode ebay = credentials.path("ebay").path("acme-ebay");
        HttpResponse<String> token = caller.ebayToken(ebay.path("clientId").asText(),
                ebay.path("clientSecret").asText(), ebay.path("refreshToken").asText());
        HttpResponse<String> bulk = caller.ebayBulk(body(token).path("access_token").asText(),
                List.of(ebayRequest("SKU-1", 9, "1234")));

        assertThat(shopify.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(bulk.statusCode()).isEqualTo(429);
        assertThat(bulk.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "SKU-1")).hasValue(4);
        assertThat(sandbox.quantity(SalesChannel.EBAY, "SKU-1")).hasValue(2);
        assertThat(sandbox.stats(SalesChannel.SHOPIFY).throttled()).isEqualTo(1);
        assertThat(sandbox.stats(SalesChannel.EBAY).throttled()).isEqualTo(1);
        assertThat(sandbox.stats(SalesChannel.EBAY).tokenGrants()).isEqualTo(1);
    }

    @Test
    void aFaultForSomeSecondsEndsByItselfOnTheClock() {
        sandbox.seedEbayItem("acme-ebay", "SKU-1", List.of(), 2);
        JsonNode ebay = MarketplaceCaller.credentials(sandbox).path("ebay").path("acme-ebay");
        String token = body(caller.ebayToken(ebay.path("clientId").asText(), ebay.path("clientSecret").asText(),
                ebay.path("refreshToken").asText())).path("access_token").asText();

        JsonNode fault = body(caller.admin("PUT", "/ebay/faults", "{\"mode\":\"outage\",\"forSeconds\":5}"));
        assertThat(fault.path("until").asText()).isEqualTo("2026-11-20T10:00:05Z");
        assertThat(body(caller.admin("GET", "/ebay/faults", null)).path("mode").asText()).isEqualTo("outage");
        assertThat(caller.ebayGet(token, "SKU-1").statusCode()).isEqualTo(503);

        clock.advance(Duration.ofMillis(4_999));
        assertThat(caller.ebayGet(token, "SKU-1").statusCode()).isEqualTo(503);
        clock.advance(Duration.ofMillis(1));
        assertThat(caller.ebayGet(token, "SKU-1").statusCode()).isEqualTo(200);
        assertThat(body(caller.admin("GET", "/ebay/faults", null)).path("mode").asText()).isEqualTo("none");

        sandbox.setFault(SalesChannel.EBAY, MarketplaceFault.THROTTLE_STORM, Duration.ofSeconds(2));
        assertThat(caller.ebayGet(token, "SKU-1").statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(2));
        assertThat(caller.ebayGet(token, "SKU-1").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesBadFaultChangesAsProblems() {
        HttpResponse<String> unknownMode = caller.admin("PUT", "/shopify/faults", "{\"mode\":\"meltdown\"}");
        HttpResponse<String> badSeconds = caller.admin("PUT", "/shopify/faults",
                "{\"mode\":\"outage\",\"forSeconds\":0}");
        HttpResponse<String> typo = caller.admin("PUT", "/shopify/faults", "{\"mode\":\"outage\",\"seconds\":3}");

        for (HttpResponse<String> refused : List.of(unknownMode, badSeconds, typo)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(sandbox.fault(SalesChannel.SHOPIFY)).isEqualTo(MarketplaceFault.NONE);
    }

    @Test
    void statsCountWhatEachChannelAnswered() {
        sandbox.seedAmazonListing("A1SELLERID", "SKU-1", MARKETPLACES, 5);
        JsonNode amazon = MarketplaceCaller.credentials(sandbox).path("amazon").path("A1SELLERID");
        String token = body(caller.amazonToken(amazon.path("clientId").asText(), amazon.path("clientSecret").asText(),
                amazon.path("refreshToken").asText())).path("access_token").asText();
        caller.amazonPatch(token, "A1SELLERID", "SKU-1", MARKETPLACES, 9);
        caller.amazonPatch(token, "A1SELLERID", "NOPE", MARKETPLACES, 9);

        JsonNode one = body(caller.admin("GET", "/amazon/stats", null));
        JsonNode all = body(caller.admin("GET", "/stats", null));

        assertThat(one.toString()).isEqualTo("{\"calls\":3,\"updatesApplied\":1,\"casConflicts\":0,\"throttled\":0,"
                + "\"failed\":0,\"rejected\":1,\"tokenGrants\":1}");
        assertThat(all.path("amazon")).isEqualTo(one);
        assertThat(all.path("shopify").path("calls").asLong()).isZero();
        assertThat(all.path("ebay").path("calls").asLong()).isZero();
        assertThat(sandbox.stats()).containsEntry(SalesChannel.AMAZON, new MarketplaceStats(3, 1, 0, 0, 0, 1, 1));
    }

    @Test
    void refusesBodiesOverOneMebibyte() {
        HttpResponse<String> tooLarge = caller.send(HttpRequest.newBuilder(sandbox.baseUrl()
                        .resolve("/sandbox/marketplaces/shopify/listings"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(1 << 20) + 1])).build());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void concurrentCompareAndSetsApplyExactlyOnePerExpectedQuantity() throws Exception {
        sandbox = restartWithBigBucket();
        sandbox.seedShopifyItem(SHOP, "SKU-1", ITEM, LOCATION, 0);
        String token = MarketplaceCaller.credentials(sandbox).path("shopify").path(SHOP).path("accessToken").asText();
        MarketplaceCaller concurrent = new MarketplaceCaller(sandbox);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // 8 publishers race 5 rounds each, every one setting current+1 from what it read.
            List<Future<Integer>> applied = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                int publisher = p;
                applied.add(pool.submit(() -> {
                    int mine = 0;
                    for (int round = 0; round < 5; round++) {
                        long current = body(concurrent.shopifyRead(SHOP, token, ITEM, LOCATION)).path("data")
                                .path("inventoryItem").path("inventoryLevel").path("quantities").get(0)
                                .path("quantity").asLong();
                        JsonNode result = body(concurrent.shopifySet(SHOP, token, ITEM, LOCATION, current + 1,
                                current, "p" + publisher + "-r" + round)).path("data").path("inventorySetQuantities");
                        if (result.path("userErrors").isEmpty()) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            int total = 0;
            for (Future<Integer> count : applied) {
                total += count.get();
            }
            MarketplaceStats stats = sandbox.stats(SalesChannel.SHOPIFY);
            assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "SKU-1")).hasValue(total);
            assertThat(stats.updatesApplied()).isEqualTo(total);
            assertThat(stats.updatesApplied() + stats.casConflicts()).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    private SandboxMarketplaces restartWithBigBucket() throws IOException {
        sandbox.close();
        SandboxMarketplaces restarted = SandboxMarketplaces.start(SandboxMarketplacesConfig.defaults().withPort(0)
                .withShopifyCostBucket(10_000, 50), clock);
        caller = new MarketplaceCaller(restarted);
        return restarted;
    }
}
