package dev.commercesync.inventory.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Where the marketplaces' inventory APIs are, how fast each account may be called, and the credentials of every
 * account. The rates are this process's share of each account's limit: the template divides the channel's published
 * limit by the event source's MaximumConcurrency (see {@link CallPacer}).
 */
@ConfigMapping(prefix = "commerce.marketplaces")
public interface MarketplaceConfig {

    /** Shopify Admin GraphQL API. */
    Shopify shopify();

    /** Amazon Selling Partner API (Listings Items 2021-08-01) and Login with Amazon. */
    Amazon amazon();

    /** eBay Sell Inventory API v1 and eBay OAuth. */
    Ebay ebay();

    /**
     * Every account's credentials as one JSON document (env {@code MARKETPLACE_CREDENTIALS}, from Secrets Manager in
     * AWS): {@code {"shopify":{"<shop domain>":{"accessToken":…}}, "amazon":{"<seller id>":{"clientId":…,
     * "clientSecret":…,"refreshToken":…}}, "ebay":{"<account>":{"clientId":…,"clientSecret":…,"refreshToken":…}}}}.
     * An account missing from it gets its updates rejected, not the whole function.
     */
    @WithDefault("{}")
    String credentials();

    /** How long to wait for a marketplace connection to open. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** How long to wait for a marketplace's answer to one call. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * The longest the function sleeps for an account's next rate-limit slot. A slot further away sends the update
     * (and that account's remaining updates of the batch) back to its queue as Throttled instead of blocking the
     * invocation.
     */
    @WithDefault("2s")
    Duration longestPacingWait();

    interface Shopify {

        /**
         * The Admin GraphQL endpoint, {@code {shop}} standing for the listing's account (the shop's domain). Locally the
         * sandbox serves {@code http://127.0.0.1:<port>/shopify/{shop}/admin/api/2026-04/graphql.json}.
         */
        @WithDefault("https://{shop}/admin/api/2026-04/graphql.json")
        String endpoint();

        /** Sustained calls per second to one shop (reads and writes together). */
        @WithDefault("2")
        double requestsPerSecond();

        /** Calls one shop may receive at once before the sustained rate applies. */
        @WithDefault("4")
        int burst();
    }

    interface Amazon {

        /** The SP-API regional endpoint (North America by default; Europe is {@code https://sellingpartnerapi-eu.amazon.com}). */
        @WithDefault("https://sellingpartnerapi-na.amazon.com")
        String endpoint();

        /** Login with Amazon, where refresh tokens are exchanged for access tokens ({@code /auth/o2/token} below it). */
        @WithDefault("https://api.amazon.com")
        String lwaEndpoint();

        /** Sustained calls per second to one selling partner (PATCH and GET of listings items together). */
        @WithDefault("2.5")
        double requestsPerSecond();

        /** Calls one selling partner may receive at once before the sustained rate applies. */
        @WithDefault("5")
        int burst();
    }

    interface Ebay {

        /** The eBay REST API root; the inventory calls and the OAuth token endpoint sit below it. */
        @WithDefault("https://api.ebay.com")
        String endpoint();

        /** Sustained calls per second to one eBay account (each bulk call counts once). */
        @WithDefault("2")
        double requestsPerSecond();

        /** Calls one eBay account may receive at once before the sustained rate applies. */
        @WithDefault("2")
        int burst();

        /** SKUs sent in one {@code bulk_update_price_quantity} call: 1 to 25 (eBay's limit). */
        @WithDefault("25")
        int maxSkusPerCall();
    }
}
