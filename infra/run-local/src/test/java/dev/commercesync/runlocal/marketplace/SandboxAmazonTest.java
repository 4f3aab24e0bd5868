package dev.commercesync.runlocal.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.commercesync.model.order.SalesChannel;
import dev.commercesync.runlocal.erp.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.commercesync.runlocal.marketplace.MarketplaceCaller.body;
import static org.assertj.core.api.Assertions.assertThat;

/** Amazon's Listings Items PATCH/GET and the LWA token grant over real HTTP, as the wire contract writes them. */
class SandboxAmazonTest {

    private static final String SELLER = "A1SELLERID";
    private static final String SKU = "TSH CLASSIC/BLK-M"; // a space and a slash: both must survive URL encoding
    private static final List<String> MARKETPLACES = List.of("ATVPDKIKX0DER", "A2EUQ1WTGCTBG2");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private SandboxMarketplaces sandbox;
    private MarketplaceCaller caller;
    private JsonNode credentials;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxMarketplaces.start(SandboxMarketplacesConfig.defaults().withPort(0)
                .withAmazonTokenLifetime(Duration.ofSeconds(600)), clock);
        sandbox.seedAmazonListing(SELLER, SKU, MARKETPLACES, 5);
        caller = new MarketplaceCaller(sandbox);
        credentials = MarketplaceCaller.credentials(sandbox).path("amazon").path(SELLER);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String token() {
        HttpResponse<String> grant = caller.amazonToken(credentials.path("clientId").asText(),
                credentials.path("clientSecret").asText(), credentials.path("refreshToken").asText());
        assertThat(grant.statusCode()).isEqualTo(200);
        return body(grant).path("access_token").asText();
    }

    @Test
    void grantsExpiringAccessTokensForTheRefreshToken() {
        HttpResponse<String> grant = caller.amazonToken(credentials.path("clientId").asText(),
                credentials.path("clientSecret").asText(), credentials.path("refreshToken").asText());

        JsonNode token = body(grant);
        assertThat(token.path("access_token").asText()).startsWith("Atza|");
        assertThat(token.path("token_type").asText()).isEqualTo("bearer");
        assertThat(token.path("expires_in").asLong()).isEqualTo(600);
        assertThat(token.path("refresh_token").asText()).isEqualTo(credentials.path("refreshToken").asText());
        assertThat(sandbox.stats(SalesChannel.AMAZON).tokenGrants()).isEqualTo(1);

        HttpResponse<String> wrongSecret = caller.amazonToken(credentials.path("clientId").asText(), "nope",
                credentials.path("refreshToken").asText());
        HttpResponse<String> wrongRefresh = caller.amazonToken(credentials.path("clientId").asText(),
                credentials.path("clientSecret").asText(), "Atzr|made-up");
        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(body(wrongSecret).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrongRefresh.statusCode()).isEqualTo(400);
        assertThat(body(wrongRefresh).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(sandbox.stats(SalesChannel.AMAZON).tokenGrants()).isEqualTo(1);
    }

    @Test
    void patchSetsTheQuantityAndGetReadsItBack() {
        String token = token();

        HttpResponse<String> patch = caller.amazonPatch(token, SELLER, SKU, MARKETPLACES, 7);

        assertThat(patch.statusCode()).isEqualTo(200);
        JsonNode accepted = body(patch);
        assertThat(accepted.path("sku").asText()).isEqualTo(SKU);
        assertThat(accepted.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("submissionId").asText()).isNotBlank();
        assertThat(accepted.path("issues")).isEmpty();
        assertThat(patch.headers().firstValue("x-amzn-RateLimit-Limit")).hasValue("5.0");
        assertThat(sandbox.quantity(SalesChannel.AMAZON, SKU)).hasValue(7);

        HttpResponse<String> read = caller.amazonGet(token, SELLER, SKU, MARKETPLACES);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).path("fulfillmentAvailability").toString())
                .isEqualTo("[{\"fulfillmentChannelCode\":\"DEFAULT\",\"quantity\":7}]");
        assertThat(sandbox.stats(SalesChannel.AMAZON).updatesApplied()).isEqualTo(1);
    }

    @Test
    void anUnknownListingIs404() {
        String token = token();

        HttpResponse<String> unknownSku = caller.amazonPatch(token, SELLER, "NOPE-1", MARKETPLACES, 7);
        HttpResponse<String> otherMarketplace = caller.amazonGet(token, SELLER, SKU, List.of("A1F83G8C2ARO7P"));

        assertThat(unknownSku.statusCode()).isEqualTo(404);
        assertThat(body(unknownSku).path("errors").get(0).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(otherMarketplace.statusCode()).isEqualTo(404);
        assertThat(sandbox.stats(SalesChannel.AMAZON).rejected()).isEqualTo(2);
    }

    @Test
    void theSixthCallInASecondIs429UntilATokenIsBack() {
        String token = token();
        for (int i = 0; i < 5; i++) {
            assertThat(caller.amazonPatch(token, SELLER, SKU, MARKETPLACES, 10 + i).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> throttled = caller.amazonPatch(token, SELLER, SKU, MARKETPLACES, 99);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.headers().firstValue("x-amzn-RateLimit-Limit")).hasValue("5.0");
        assertThat(sandbox.quantity(SalesChannel.AMAZON, SKU)).hasValue(14);
        // Another seller has its own bucket.
        sandbox.seedAmazonListing("A2OTHER", "MUG-12OZ", MARKETPLACES, 1);
        JsonNode other = MarketplaceCaller.credentials(sandbox).path("amazon").path("A2OTHER");
        String otherToken = body(caller.amazonToken(other.path("clientId").asText(),
                other.path("clientSecret").asText(), other.path("refreshToken").asText())).path("access_token").asText();
        assertThat(caller.amazonGet(otherToken, "A2OTHER", "MUG-12OZ", MARKETPLACES).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMillis(200)); // one token back at 5 a second
        assertThat(caller.amazonPatch(token, SELLER, SKU, MARKETPLACES, 20).statusCode()).isEqualTo(200);
        assertThat(caller.amazonGet(token, SELLER, SKU, MARKETPLACES).statusCode()).isEqualTo(429);
        assertThat(sandbox.quantity(SalesChannel.AMAZON, SKU)).hasValue(20);
        assertThat(sandbox.stats(SalesChannel.AMAZON).throttled()).isEqualTo(2);
    }

    @Test
    void anExpiredUnknownOrOtherSellersTokenIs403() {
        String token = token();
        assertThat(caller.amazonGet(token, SELLER, SKU, MARKETPLACES).statusCode()).isEqualTo(200);
        sandbox.seedAmazonListing("A2OTHER", "MUG-12OZ", MARKETPLACES, 1);

        HttpResponse<String> otherSeller = caller.amazonGet(token, "A2OTHER", "MUG-12OZ", MARKETPLACES);
        HttpResponse<String> madeUp = caller.amazonGet("Atza|made-up", SELLER, SKU, MARKETPLACES);
        clock.advance(Duration.ofSeconds(600));
        HttpResponse<String> expired = caller.amazonPatch(token, SELLER, SKU, MARKETPLACES, 7);

        for (HttpResponse<String> refused : List.of(otherSeller, madeUp, expired)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(body(refused).path("errors").get(0).path("code").asText()).isEqualTo("Unauthorized");
            assertThat(body(refused).path("errors").get(0).path("message").asText())
                    .isEqualTo("Access to requested resource is denied.");
        }
        assertThat(sandbox.quantity(SalesChannel.AMAZON, SKU)).hasValue(5);
        // A fresh token works again.
        assertThat(caller.amazonPatch(token(), SELLER, SKU, MARKETPLACES, 7).statusCode()).isEqualTo(200);
        assertThat(sandbox.quantity(SalesChannel.AMAZON, SKU)).hasValue(7);
    }
}
