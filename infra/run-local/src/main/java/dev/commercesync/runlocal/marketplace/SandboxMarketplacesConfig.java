package dev.commercesync.runlocal.marketplace;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start {@link SandboxMarketplaces}. It always listens on 127.0.0.1. Credentials are sandbox-fixed strings:
 * the per-account ones ({@link SandboxMarketplaces#credentialsJson()}) are derived from these prefixes and the
 * account name, so each shop, seller and eBay account has its own and one account's token is refused for another.
 *
 * @param port    TCP port; 0 picks a free one ({@link SandboxMarketplaces#port()} tells which)
 * @param threads requests handled at once; a few more than the publishers' concurrent callers (default 8)
 * @param shopify the Shopify sandbox's cost bucket and tokens
 * @param amazon  the Amazon sandbox's rate limit, LWA client and token lifetime
 * @param ebay    the eBay sandbox's rate limit, OAuth client and token lifetime
 */
public record SandboxMarketplacesConfig(int port, int threads, Shopify shopify, Amazon amazon, Ebay ebay) {

    /** The port {@code ./run-local} gives the sandbox marketplaces unless told otherwise. */
    public static final int DEFAULT_PORT = 8090;

    public SandboxMarketplacesConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        Objects.requireNonNull(shopify, "shopify");
        Objects.requireNonNull(amazon, "amazon");
        Objects.requireNonNull(ebay, "ebay");
    }

    /** Port 8090, 8 threads, and each channel's defaults. */
    public static SandboxMarketplacesConfig defaults() {
        return new SandboxMarketplacesConfig(DEFAULT_PORT, 8, Shopify.defaults(), Amazon.defaults(),
                Ebay.defaults());
    }

    public SandboxMarketplacesConfig withPort(int newPort) {
        return new SandboxMarketplacesConfig(newPort, threads, shopify, amazon, ebay);
    }

    public SandboxMarketplacesConfig withThreads(int count) {
        return new SandboxMarketplacesConfig(port, count, shopify, amazon, ebay);
    }

    public SandboxMarketplacesConfig withShopify(Shopify settings) {
        return new SandboxMarketplacesConfig(port, threads, settings, amazon, ebay);
    }

    public SandboxMarketplacesConfig withAmazon(Amazon settings) {
        return new SandboxMarketplacesConfig(port, threads, shopify, settings, ebay);
    }

    public SandboxMarketplacesConfig withEbay(Ebay settings) {
        return new SandboxMarketplacesConfig(port, threads, shopify, amazon, settings);
    }

    /** Shopify's cost bucket per shop: {@code maximumAvailable} points, refilled at {@code restoreRate} a second. */
    public SandboxMarketplacesConfig withShopifyCostBucket(double maximumAvailable, double restoreRate) {
        return withShopify(new Shopify(shopify.accessTokenPrefix(), maximumAvailable, restoreRate));
    }

    public SandboxMarketplacesConfig withAmazonRateLimit(double ratePerSecond, int burst) {
        return withAmazon(new Amazon(amazon.clientId(), amazon.clientSecret(), amazon.refreshTokenPrefix(),
                amazon.tokenLifetime(), ratePerSecond, burst));
    }

    public SandboxMarketplacesConfig withAmazonTokenLifetime(Duration lifetime) {
        return withAmazon(new Amazon(amazon.clientId(), amazon.clientSecret(), amazon.refreshTokenPrefix(), lifetime,
                amazon.ratePerSecond(), amazon.burst()));
    }

    public SandboxMarketplacesConfig withEbayRateLimit(double ratePerSecond, int burst) {
        return withEbay(new Ebay(ebay.clientId(), ebay.clientSecret(), ebay.refreshTokenPrefix(), ebay.tokenLifetime(),
                ratePerSecond, burst));
    }

    public SandboxMarketplacesConfig withEbayTokenLifetime(Duration lifetime) {
        return withEbay(new Ebay(ebay.clientId(), ebay.clientSecret(), ebay.refreshTokenPrefix(), lifetime,
                ebay.ratePerSecond(), ebay.burst()));
    }

    /**
     * @param accessTokenPrefix a shop's Admin API token is this, {@code _} and the shop domain
     * @param maximumAvailable  cost bucket size per shop, in points (each call costs 10)
     * @param restoreRate       points restored per second
     */
    public record Shopify(String accessTokenPrefix, double maximumAvailable, double restoreRate) {

        public Shopify {
            requireText(accessTokenPrefix, "accessTokenPrefix");
            if (!(maximumAvailable >= ShopifyAdminGraphql.QUERY_COST) || !(restoreRate > 0)) {
                throw new IllegalArgumentException("the cost bucket must hold at least one call and refill: "
                        + maximumAvailable + ", " + restoreRate);
            }
        }

        /** {@code shpat_sandbox}, 1000 points, 50 a second: Shopify's standard plan. */
        public static Shopify defaults() {
            return new Shopify("shpat_sandbox", 1000, 50);
        }

        public String accessToken(String shop) {
            return accessTokenPrefix + "_" + shop;
        }
    }

    /**
     * @param clientId           the LWA client every token request must name
     * @param clientSecret       its secret
     * @param refreshTokenPrefix a seller's refresh token is this followed by the seller id
     * @param tokenLifetime      how long an access token lasts ({@code expires_in})
     * @param ratePerSecond      Listings Items calls a second per seller, PATCH and GET together
     * @param burst              calls a seller may make at once
     */
    public record Amazon(String clientId, String clientSecret, String refreshTokenPrefix, Duration tokenLifetime,
                         double ratePerSecond, int burst) {

        public Amazon {
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            requireText(refreshTokenPrefix, "refreshTokenPrefix");
            requireLifetime(tokenLifetime);
            requireRate(ratePerSecond, burst);
        }

        /** A sandbox client, one-hour tokens, 5 calls a second with burst 5 (patchListingsItem's usage plan). */
        public static Amazon defaults() {
            return new Amazon("amzn1.application-oa2-client.commerce-sync-sandbox", "sandbox-lwa-client-secret",
                    "Atzr|sandbox-", Duration.ofSeconds(3600), 5, 5);
        }

        public String refreshToken(String sellerId) {
            return refreshTokenPrefix + sellerId;
        }
    }

    /**
     * @param clientId           the OAuth client (App ID) every token request must authenticate as
     * @param clientSecret       its secret (Cert ID)
     * @param refreshTokenPrefix an account's refresh token is this followed by the account name
     * @param tokenLifetime      how long a user access token lasts ({@code expires_in})
     * @param ratePerSecond      Inventory API calls a second per account
     * @param burst              calls an account may make at once
     */
    public record Ebay(String clientId, String clientSecret, String refreshTokenPrefix, Duration tokenLifetime,
                       double ratePerSecond, int burst) {

        public Ebay {
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            requireText(refreshTokenPrefix, "refreshTokenPrefix");
            requireLifetime(tokenLifetime);
            requireRate(ratePerSecond, burst);
        }

        /** A sandbox client, two-hour tokens, 10 calls a second with burst 10. */
        public static Ebay defaults() {
            return new Ebay("CommerceSync-sandbox-PRD", "PRD-sandbox-cert-id", "v^1.1#i^1#sandbox-refresh#",
                    Duration.ofSeconds(7200), 10, 10);
        }

        public String refreshToken(String account) {
            return refreshTokenPrefix + account;
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.getSeconds() < 1) {
            throw new IllegalArgumentException("tokenLifetime must be at least a second: " + lifetime);
        }
    }

    private static void requireRate(double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1: "
                    + ratePerSecond + ", " + burst);
        }
    }
}
