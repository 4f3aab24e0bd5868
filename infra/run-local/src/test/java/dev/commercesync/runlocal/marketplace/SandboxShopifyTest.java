package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.erp.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static dev.commercesync.runlocal.marketplace.MarketplaceCaller.body;
import static org.assertj.core.api.Assertions.assertThat;

/** Shopify's inventorySetQuantities and inventoryItem over real HTTP, as the wire contract writes them. */
class SandboxShopifyTest {

    private static final String SHOP = "acme.myshopify.com";
    private static final String ITEM = "gid://shopify/InventoryItem/30322695";
    private static final String LOCATION = "gid://shopify/Location/124656943";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private SandboxMarketplaces sandbox;
    private MarketplaceCaller caller;
    private String token;

    private void start(SandboxMarketplacesConfig config) throws IOException {
        sandbox = SandboxMarketplaces.start(config.withPort(0), clock);
        sandbox.seedShopifyItem(SHOP, "TSH-CLASSIC-BLK-M", ITEM, LOCATION, 5);
        caller = new MarketplaceCaller(sandbox);
        token = MarketplaceCaller.credentials(sandbox).path("shopify").path(SHOP).path("accessToken").asText();
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void setsTheAvailableQuantityWhenTheCompareQuantityMatches() throws IOException {
        start(SandboxMarketplacesConfig.defaults());

        HttpResponse<String> set = caller.shopifySet(SHOP, token, ITEM, LOCATION, 7, 5L, "k-1");

        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode payload = body(set).path("data").path("inventorySetQuantities");
        assertThat(payload.path("inventoryAdjustmentGroup").path("id").asText())
                .startsWith("gid://shopify/InventoryAdjustmentGroup/");
        assertThat(payload.path("userErrors")).isEmpty();
        JsonNode cost = body(set).path("extensions").path("cost");
        assertThat(cost.path("requestedQueryCost").asInt()).isEqualTo(10);
        assertThat(cost.path("throttleStatus").path("currentlyAvailable").asDouble()).isEqualTo(990.0);
        assertThat(cost.path("throttleStatus").path("maximumAvailable").asDouble()).isEqualTo(1000.0);
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(7);
        assertThat(sandbox.stats(SalesChannel.SHOPIFY).updatesApplied()).isEqualTo(1);
    }

    @Test
    void aStaleCompareQuantityChangesNothing() throws IOException {
        start(SandboxMarketplacesConfig.defaults());

        HttpResponse<String> set = caller.shopifySet(SHOP, token, ITEM, LOCATION, 7, 4L, "k-2");

        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode payload = body(set).path("data").path("inventorySetQuantities");
        assertThat(payload.path("inventoryAdjustmentGroup").isNull()).isTrue();
        JsonNode error = payload.path("userErrors").get(0);
        assertThat(error.path("code").asText()).isEqualTo("CHANGE_FROM_QUANTITY_STALE");
        assertThat(error.path("message").asText())
                .isEqualTo("The specified compare quantity does not match the current quantity.");
        assertThat(error.path("field").toString()).isEqualTo("[\"input\",\"quantities\",\"0\",\"changeFromQuantity\"]");
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(5);
        MarketplaceStats stats = sandbox.stats(SalesChannel.SHOPIFY);
        assertThat(stats.casConflicts()).isEqualTo(1);
        assertThat(stats.updatesApplied()).isZero();
        assertThat(stats.rejected()).isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstResultAndAppliesNothing() throws IOException {
        start(SandboxMarketplacesConfig.defaults());
        JsonNode first = body(caller.shopifySet(SHOP, token, ITEM, LOCATION, 7, 5L, "same-key"))
                .path("data").path("inventorySetQuantities");
        // Someone else changes the level between the two calls; the replay must not overwrite it.
        sandbox.seedShopifyItem(SHOP, "TSH-CLASSIC-BLK-M", ITEM, LOCATION, 3);

        JsonNode repeat = body(caller.shopifySet(SHOP, token, ITEM, LOCATION, 7, 5L, "same-key"))
                .path("data").path("inventorySetQuantities");

        assertThat(repeat).isEqualTo(first);
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(3);
        assertThat(sandbox.stats(SalesChannel.SHOPIFY).updatesApplied()).isEqualTo(1);

        JsonNode reused = body(caller.shopifySet(SHOP, token, ITEM, LOCATION, 9, 3L, "same-key"))
                .path("data").path("inventorySetQuantities");
        assertThat(reused.path("userErrors").get(0).path("code").asText())
                .isEqualTo("IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(3);
    }

    @Test
    void readsTheAvailableQuantityAndNullsForUnknownItemsAndLocations() throws IOException {
        start(SandboxMarketplacesConfig.defaults());

        JsonNode known = body(caller.shopifyRead(SHOP, token, ITEM, LOCATION));
        JsonNode unknownItem = body(caller.shopifyRead(SHOP, token, "gid://shopify/InventoryItem/1", LOCATION));
        JsonNode unstocked = body(caller.shopifyRead(SHOP, token, ITEM, "gid://shopify/Location/2"));

        assertThat(known.path("data").path("inventoryItem").path("inventoryLevel").path("quantities").toString())
                .isEqualTo("[{\"name\":\"available\",\"quantity\":5}]");
        assertThat(known.path("extensions").path("cost").path("actualQueryCost").asInt()).isEqualTo(10);
        assertThat(unknownItem.path("data").path("inventoryItem").isNull()).isTrue();
        assertThat(unstocked.path("data").path("inventoryItem").path("inventoryLevel").isNull()).isTrue();
    }

    @Test
    void unknownItemsAndLocationsAreUserErrors() throws IOException {
        start(SandboxMarketplacesConfig.defaults());

        JsonNode unknownItem = body(caller.shopifySet(SHOP, token, "gid://shopify/InventoryItem/1", LOCATION, 7, 5L,
                "k-3")).path("data").path("inventorySetQuantities");
        JsonNode unstocked = body(caller.shopifySet(SHOP, token, ITEM, "gid://shopify/Location/2", 7, 5L, "k-4"))
                .path("data").path("inventorySetQuantities");

        assertThat(unknownItem.path("userErrors").get(0).path("code").asText()).isEqualTo("INVALID_INVENTORY_ITEM");
        assertThat(unstocked.path("userErrors").get(0).path("code").asText())
                .isEqualTo("ITEM_NOT_STOCKED_AT_LOCATION");
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(5);
        assertThat(sandbox.stats(SalesChannel.SHOPIFY).rejected()).isEqualTo(2);
    }

    @Test
    void aWrongOrMissingAccessTokenIs401() throws IOException {
        start(SandboxMarketplacesConfig.defaults());
        sandbox.seedShopifyItem("other.myshopify.com", "MUG-12OZ", "gid://shopify/InventoryItem/77", LOCATION, 1);
        String otherShopsToken = MarketplaceCaller.credentials(sandbox).path("shopify").path("other.myshopify.com")
                .path("accessToken").asText();

        assertThat(caller.shopifySet(SHOP, null, ITEM, LOCATION, 7, 5L, "k-5").statusCode()).isEqualTo(401);
        assertThat(caller.shopifySet(SHOP, otherShopsToken, ITEM, LOCATION, 7, 5L, "k-6").statusCode())
                .isEqualTo(401);
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(5);
        assertThat(sandbox.stats(SalesChannel.SHOPIFY).rejected()).isEqualTo(2);
    }

    @Test
    void anEmptyCostBucketAnswersThrottledUntilItRefills() throws IOException {
        // 30 points: three calls; then 50 points a second come back.
        start(SandboxMarketplacesConfig.defaults().withShopifyCostBucket(30, 5));
        for (int i = 0; i < 3; i++) {
            assertThat(body(caller.shopifyRead(SHOP, token, ITEM, LOCATION)).has("data")).isTrue();
        }

        HttpResponse<String> throttled = caller.shopifySet(SHOP, token, ITEM, LOCATION, 7, 5L, "k-7");

        assertThat(throttled.statusCode()).isEqualTo(200);
        JsonNode answer = body(throttled);
        assertThat(answer.has("data")).isFalse();
        assertThat(answer.path("errors").get(0).path("message").asText()).isEqualTo("Throttled");
        assertThat(answer.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        JsonNode cost = answer.path("extensions").path("cost");
        assertThat(cost.path("requestedQueryCost").asInt()).isEqualTo(10);
        assertThat(cost.path("actualQueryCost").isNull()).isTrue();
        assertThat(cost.path("throttleStatus").path("currentlyAvailable").asDouble()).isEqualTo(0.0);
        assertThat(cost.path("throttleStatus").path("restoreRate").asDouble()).isEqualTo(5.0);
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(5);

        clock.advance(Duration.ofMillis(1_900)); // 9.5 points: still one short
        assertThat(body(caller.shopifySet(SHOP, token, ITEM, LOCATION, 7, 5L, "k-8")).path("errors").get(0)
                .path("extensions").path("code").asText()).isEqualTo("THROTTLED");
        clock.advance(Duration.ofMillis(100));
        JsonNode applied = body(caller.shopifySet(SHOP, token, ITEM, LOCATION, 7, 5L, "k-9"));
        assertThat(applied.path("data").path("inventorySetQuantities").path("userErrors")).isEmpty();
        assertThat(sandbox.quantity(SalesChannel.SHOPIFY, "TSH-CLASSIC-BLK-M")).hasValue(7);
        assertThat(sandbox.stats(SalesChannel.SHOPIFY).throttled()).isEqualTo(2);
    }

    @Test
    void otherOperationsAreUnsupported() throws IOException {
        start(SandboxMarketplacesConfig.defaults());

        JsonNode answer = body(caller.shopifyGraphql(SHOP, token, "{ shop { name } }",
                MarketplaceCaller.JSON.createObjectNode()));

        assertThat(answer.toString()).isEqualTo("{\"errors\":[{\"message\":\"unsupported by the sandbox\"}]}");
    }
}
