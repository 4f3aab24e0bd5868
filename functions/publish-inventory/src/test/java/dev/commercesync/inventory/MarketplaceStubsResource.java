package dev.commercesync.inventory;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server on 127.0.0.1 standing in for Shopify ({@code /shopify}), Amazon SP-API and Login with Amazon
 * ({@code /amazon}) and eBay ({@code /ebay}); tests stub it per case (documented shapes) and get it injected into a
 * field marked {@link Marketplaces}. Sets the {@code commerce.marketplaces.*} properties itself, since
 * {@code AwsEmulatorsResource} returns the template's production endpoints under the environment variable names.
 */
public class MarketplaceStubsResource implements QuarkusTestResourceLifecycleManager {

    static final String SHOP = "acme-test.myshopify.com";
    static final String SELLER = "A1TESTSELLER";
    static final String EBAY_ACCOUNT = "acme-ebay";

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Marketplaces {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        String credentials = "{\"shopify\":{\"" + SHOP + "\":{\"accessToken\":\"shpat_test\"}},"
                + "\"amazon\":{\"" + SELLER + "\":{\"clientId\":\"amzn-client\",\"clientSecret\":\"amzn-secret\","
                + "\"refreshToken\":\"Atzr|test\"}},"
                + "\"ebay\":{\"" + EBAY_ACCOUNT + "\":{\"clientId\":\"ebay-client\",\"clientSecret\":\"ebay-secret\","
                + "\"refreshToken\":\"v^1.1#test\"}}}";
        return Map.ofEntries(
                Map.entry("commerce.marketplaces.shopify.endpoint", base + "/shopify/{shop}/admin/api/2026-04/graphql.json"),
                Map.entry("commerce.marketplaces.amazon.endpoint", base + "/amazon"),
                Map.entry("commerce.marketplaces.amazon.lwa-endpoint", base + "/amazon"),
                Map.entry("commerce.marketplaces.ebay.endpoint", base + "/ebay"),
                Map.entry("commerce.marketplaces.credentials", credentials),
                // Pacing is the adapters' own tests' business; here it must not slow the pipeline down.
                Map.entry("commerce.marketplaces.shopify.requests-per-second", "100"),
                Map.entry("commerce.marketplaces.amazon.requests-per-second", "100"),
                Map.entry("commerce.marketplaces.amazon.burst", "100"),
                Map.entry("commerce.marketplaces.ebay.requests-per-second", "100"),
                Map.entry("commerce.marketplaces.request-timeout", "2s"),
                Map.entry("commerce.inventory.unavailable-retry-delay", "9s"));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Marketplaces.class,
                WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
