package dev.commercesync.inventory.channel;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping's defaults, and the environment variables the function's application.properties maps onto it. */
class MarketplaceConfigTest {

    /** The lines proposed for the function's application.properties. */
    /**
     * The lines proposed for the function's application.properties. SmallRye ends a {@code ${VAR:default}} expression
     * at the first '}' (so {@code {shop}} or {@code {}} cannot be written in a default, escaped or not), and an empty
     * expansion does not fall back to {@code @WithDefault}: defaults with braces come from a nested expression.
     */
    private static final Map<String, String> APPLICATION_PROPERTIES = Map.of(
            "commerce.marketplaces.shopify.endpoint",
            "${SHOPIFY_GRAPHQL_ENDPOINT:${marketplace-defaults.shopify-endpoint}}",
            "marketplace-defaults.shopify-endpoint", "https://{shop}/admin/api/2026-04/graphql.json",
            "commerce.marketplaces.shopify.requests-per-second", "${SHOPIFY_REQUESTS_PER_SECOND:2}",
            "commerce.marketplaces.amazon.endpoint", "${AMAZON_SP_API_ENDPOINT:https://sellingpartnerapi-na.amazon.com}",
            "commerce.marketplaces.amazon.lwa-endpoint", "${AMAZON_LWA_ENDPOINT:https://api.amazon.com}",
            "commerce.marketplaces.amazon.requests-per-second", "${AMAZON_REQUESTS_PER_SECOND:2.5}",
            "commerce.marketplaces.ebay.endpoint", "${EBAY_API_ENDPOINT:https://api.ebay.com}",
            "commerce.marketplaces.ebay.requests-per-second", "${EBAY_REQUESTS_PER_SECOND:2}",
            "commerce.marketplaces.credentials", "${MARKETPLACE_CREDENTIALS:${marketplace-defaults.credentials}}",
            "marketplace-defaults.credentials", "{}");

    @Test
    void withoutEnvironmentEveryPropertyHasItsDocumentedDefault() {
        MarketplaceConfig config = config(Map.of());

        assertThat(config.shopify().endpoint()).isEqualTo("https://{shop}/admin/api/2026-04/graphql.json");
        assertThat(config.shopify().requestsPerSecond()).isEqualTo(2.0);
        assertThat(config.shopify().burst()).isEqualTo(4);
        assertThat(config.amazon().endpoint()).isEqualTo("https://sellingpartnerapi-na.amazon.com");
        assertThat(config.amazon().lwaEndpoint()).isEqualTo("https://api.amazon.com");
        assertThat(config.amazon().requestsPerSecond()).isEqualTo(2.5);
        assertThat(config.amazon().burst()).isEqualTo(5);
        assertThat(config.ebay().endpoint()).isEqualTo("https://api.ebay.com");
        assertThat(config.ebay().requestsPerSecond()).isEqualTo(2.0);
        assertThat(config.ebay().burst()).isEqualTo(2);
        assertThat(config.ebay().maxSkusPerCall()).isEqualTo(25);
        assertThat(config.credentials()).isEqualTo("{}");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.longestPacingWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theEnvironmentVariablesReachTheMapping() {
        MarketplaceConfig config = config(Map.of(
                "SHOPIFY_GRAPHQL_ENDPOINT", "http://127.0.0.1:8090/shopify/{shop}/admin/api/2026-04/graphql.json",
                "AMAZON_SP_API_ENDPOINT", "http://127.0.0.1:8090/amazon",
                "AMAZON_REQUESTS_PER_SECOND", "1.25",
                "EBAY_API_ENDPOINT", "http://127.0.0.1:8090/ebay",
                "MARKETPLACE_CREDENTIALS", TestChannels.CREDENTIALS));

        assertThat(config.shopify().endpoint())
                .isEqualTo("http://127.0.0.1:8090/shopify/{shop}/admin/api/2026-04/graphql.json");
        assertThat(config.amazon().endpoint()).isEqualTo("http://127.0.0.1:8090/amazon");
        assertThat(config.amazon().requestsPerSecond()).isEqualTo(1.25);
        assertThat(config.ebay().endpoint()).isEqualTo("http://127.0.0.1:8090/ebay");
        assertThat(new MarketplaceCredentials(config.credentials()).shopifyAccessToken("acme.myshopify.com"))
                .contains(TestChannels.SHOPIFY_TOKEN);
    }

    private static MarketplaceConfig config(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        // As Quarkus builds it: expressions expanded, durations such as "3s" converted by Quarkus's converter.
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(MarketplaceConfig.class)
                .withSources(new PropertiesConfigSource(APPLICATION_PROPERTIES, "application.properties", 250))
                .withSources(new PropertiesConfigSource(env, "environment", 300))
                .build();
        return config.getConfigMapping(MarketplaceConfig.class);
    }
}
