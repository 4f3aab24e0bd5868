package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.erp.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.commercesync.runlocal.marketplace.MarketplaceCaller.body;
import static dev.commercesync.runlocal.marketplace.MarketplaceCaller.ebayRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** eBay's bulk_update_price_quantity, inventory_item and OAuth token over real HTTP, as the wire contract writes them. */
class SandboxEbayTest {

    private static final String ACCOUNT = "acme-ebay";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private SandboxMarketplaces sandbox;
    private MarketplaceCaller caller;
    private JsonNode credentials;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxMarketplaces.start(SandboxMarketplacesConfig.defaults().withPort(0)
                .withEbayRateLimit(10, 10), clock);
        for (int i = 1; i <= 25; i++) {
            sandbox.seedEbayItem(ACCOUNT, "SKU-" + i, i <= 20 ? List.of("50" + i) : List.of(), 1);
        }
        caller = new MarketplaceCaller(sandbox);
        credentials = MarketplaceCaller.credentials(sandbox).path("ebay").path(ACCOUNT);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String token() {
        HttpResponse<String> grant = caller.ebayToken(credentials.path("clientId").asText(),
                credentials.path("clientSecret").asText(), credentials.path("refreshToken").asText());
        assertThat(grant.statusCode()).isEqualTo(200);
        return body(grant).path("access_token").asText();
    }

    @Test
    void grantsUserAccessTokensToTheBasicAuthenticatedClient() {
        JsonNode token = body(caller.ebayToken(credentials.path("clientId").asText(),
                credentials.path("clientSecret").asText(), credentials.path("refreshToken").asText()));

        assertThat(token.path("access_token").asText()).startsWith("v^1.1#");
        assertThat(token.path("expires_in").asLong()).isEqualTo(7200);
        assertThat(token.path("token_type").asText()).isEqualTo("User Access Token");

        HttpResponse<String> badClient = caller.ebayToken(credentials.path("clientId").asText(), "wrong",
                credentials.path("refreshToken").asText());
        assertThat(badClient.statusCode()).isEqualTo(400);
        assertThat(body(badClient).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(sandbox.stats(SalesChannel.EBAY).tokenGrants()).isEqualTo(1);
    }

    @Test
    void aBulkOf25AnswersPerOfferAndAppliesTheGoodOnes() {
        String token = token();
        List<ObjectNode> requests = new ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            requests.add(ebayRequest("SKU-" + i, 100 + i, i <= 20 ? new String[] {"50" + i} : new String[0]));
        }
        requests.add(ebayRequest("SKU-23", 123, "9999"));      // an offer SKU-23 does not have
        requests.add(ebayRequest("SKU-24", 124, "501"));       // SKU-1's offer
        requests.add(ebayRequest("NOPE-1", 7));                // no such inventory item

        HttpResponse<String> bulk = caller.ebayBulk(token, requests);

        assertThat(bulk.statusCode()).isEqualTo(200);
        JsonNode responses = body(bulk).path("responses");
        assertThat(responses).hasSize(25);
        Map<String, JsonNode> bySku = new HashMap<>();
        responses.forEach(r -> bySku.put(r.path("sku").asText(), r));
        assertThat(bySku.get("SKU-1").path("statusCode").asInt()).isEqualTo(200);
        assertThat(bySku.get("SKU-1").path("offerId").asText()).isEqualTo("501");
        assertThat(bySku.get("SKU-1").path("errors")).isEmpty();
        assertThat(bySku.get("SKU-21").path("statusCode").asInt()).isEqualTo(200);
        assertThat(bySku.get("SKU-21").has("offerId")).isFalse();
        assertThat(bySku.get("SKU-23").path("statusCode").asInt()).isEqualTo(400);
        assertThat(bySku.get("SKU-23").path("offerId").asText()).isEqualTo("9999");
        assertThat(bySku.get("SKU-23").path("errors").get(0).path("message").asText()).isNotBlank();
        assertThat(bySku.get("SKU-24").path("statusCode").asInt()).isEqualTo(400);
        assertThat(bySku.get("NOPE-1").path("statusCode").asInt()).isEqualTo(404);
        assertThat(bySku.get("NOPE-1").path("errors").get(0).path("errorId").asInt()).isEqualTo(25702);

        assertThat(sandbox.quantity(SalesChannel.EBAY, "SKU-1")).hasValue(101);
        assertThat(sandbox.ebayOfferQuantity(ACCOUNT, "501")).hasValue(101);
        assertThat(sandbox.quantity(SalesChannel.EBAY, "SKU-21")).hasValue(121);
        assertThat(sandbox.ebayOfferQuantity(ACCOUNT, "501")).hasValue(101); // not SKU-24's to set
        assertThat(sandbox.quantity(SalesChannel.EBAY, "NOPE-1")).isEmpty();
        MarketplaceStats stats = sandbox.stats(SalesChannel.EBAY);
        assertThat(stats.rejected()).isEqualTo(3);
        assertThat(stats.updatesApplied()).isEqualTo(24); // 22 good SKUs, plus the ship-to quantity of 23 and 24
    }

    @Test
    void moreThan25RequestsAre400AndChangeNothing() {
        String token = token();
        List<ObjectNode> requests = new ArrayList<>();
        for (int i = 1; i <= 26; i++) {
            requests.add(ebayRequest("SKU-" + Math.min(i, 25), 50));
        }

        HttpResponse<String> bulk = caller.ebayBulk(token, requests);

        assertThat(bulk.statusCode()).isEqualTo(400);
        assertThat(body(bulk).path("errors").get(0).path("errorId").asInt()).isEqualTo(25709);
        assertThat(sandbox.quantity(SalesChannel.EBAY, "SKU-1")).hasValue(1);
    }

    @Test
    void readsTheShipToQuantityAnd404sAnUnknownItem() {
        String token = token();
        caller.ebayBulk(token, List.of(ebayRequest("SKU-3", 7, "503")));

        HttpResponse<String> read = caller.ebayGet(token, "SKU-3");
        HttpResponse<String> unknown = caller.ebayGet(token, "NOPE-1");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).toString())
                .isEqualTo("{\"sku\":\"SKU-3\",\"availability\":{\"shipToLocationAvailability\":{\"quantity\":7}}}");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aMissingOrExpiredBearerIs401() {
        String token = token();

        assertThat(caller.ebayGet(null, "SKU-1").statusCode()).isEqualTo(401);
        assertThat(caller.ebayGet("v^1.1#made-up", "SKU-1").statusCode()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(7200));
        HttpResponse<String> expired = caller.ebayBulk(token, List.of(ebayRequest("SKU-1", 9, "501")));

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(body(expired).path("errors").get(0).path("errorId").asInt()).isEqualTo(1001);
        assertThat(sandbox.quantity(SalesChannel.EBAY, "SKU-1")).hasValue(1);
    }

    @Test
    void theRateLimitPerAccountAnswers429WithRetryAfter() {
        String token = token();
        for (int i = 0; i < 10; i++) {
            assertThat(caller.ebayGet(token, "SKU-1").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> throttled = caller.ebayGet(token, "SKU-1");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        clock.advance(Duration.ofMillis(100));
        assertThat(caller.ebayGet(token, "SKU-1").statusCode()).isEqualTo(200);
        assertThat(sandbox.stats(SalesChannel.EBAY).throttled()).isEqualTo(1);
    }
}
