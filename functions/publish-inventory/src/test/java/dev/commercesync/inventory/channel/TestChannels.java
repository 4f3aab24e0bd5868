package dev.commercesync.inventory.channel;

import dev.commercesync.pipeline.tracing.MessageTracing;
import io.opentelemetry.api.OpenTelemetry;

import java.time.Duration;

/** What every adapter test builds its adapter with. */
public final class TestChannels {

    /** Secrets no log line or result may ever show. */
    public static final String SHOPIFY_TOKEN = "shpat_test_0123456789";
    public static final String AMAZON_CLIENT_SECRET = "amzn-secret-must-not-leak";
    public static final String AMAZON_REFRESH_TOKEN = "Atzr|refresh-must-not-leak";
    public static final String EBAY_CLIENT_SECRET = "ebay-secret-must-not-leak";
    public static final String EBAY_REFRESH_TOKEN = "v^1.1#refresh-must-not-leak";

    public static final String CREDENTIALS = """
            {"shopify": {"acme.myshopify.com": {"accessToken": "%s"},
                         "other.myshopify.com": {"accessToken": "shpat_other"}},
             "amazon":  {"A1SELLER": {"clientId": "amzn1.application-oa2-client.test", "clientSecret": "%s",
                                      "refreshToken": "%s"},
                         "A2SELLER": {"clientId": "amzn1.application-oa2-client.test", "clientSecret": "%s",
                                      "refreshToken": "%s"}},
             "ebay":    {"acme-ebay": {"clientId": "Acme-Sync-PRD-1234", "clientSecret": "%s",
                                       "refreshToken": "%s"}}}
            """.formatted(SHOPIFY_TOKEN, AMAZON_CLIENT_SECRET, AMAZON_REFRESH_TOKEN, AMAZON_CLIENT_SECRET,
            AMAZON_REFRESH_TOKEN, EBAY_CLIENT_SECRET, EBAY_REFRESH_TOKEN);

    private TestChannels() {
    }

    public static MarketplaceCredentials credentials() {
        return new MarketplaceCredentials(CREDENTIALS);
    }

    public static ChannelHttp http() {
        return new ChannelHttp(Duration.ofMillis(500), Duration.ofSeconds(3),
                new MessageTracing(OpenTelemetry.noop()));
    }
}
