package dev.commercesync.runlocal.demo;

/**
 * What {@link DemoFeed} generates.
 *
 * @param orders             distinct orders, malformed and non-reconciling ones included
 * @param seed               the same seed gives the same feed, byte for byte
 * @param duplicateRate      share (0..1) of the valid deliveries that are delivered again, 1–2 extra times, later
 * @param outOfOrderRate     share (0..1) of the valid Shopify orders that also get an {@code orders/updated}
 *                           version; every second one of those has its update delivered before its create
 * @param malformedRate      share (0..1) of the orders delivered as a body ingest must refuse (400): broken JSON or
 *                           no order id
 * @param nonReconcilingRate share (0..1) of the orders delivered as valid JSON whose grand total does not add up,
 *                           which map records as MAPPING_FAILED
 * @param shopifySecret      the Shopify app's webhook secret: Shopify deliveries carry
 *                           {@code X-Shopify-Hmac-Sha256} computed with it; null or blank sends them unsigned
 */
public record DemoOptions(int orders, long seed, double duplicateRate, double outOfOrderRate, double malformedRate,
                          double nonReconcilingRate, String shopifySecret) {

    /** Enough to keep a demo readable; the pipeline takes far more. */
    public static final int MAX_ORDERS = 100_000;

    public DemoOptions {
        if (orders < 0 || orders > MAX_ORDERS) {
            throw new IllegalArgumentException("orders must be 0.." + MAX_ORDERS + ": " + orders);
        }
        requireShare(duplicateRate, "duplicateRate");
        requireShare(outOfOrderRate, "outOfOrderRate");
        requireShare(malformedRate, "malformedRate");
        requireShare(nonReconcilingRate, "nonReconcilingRate");
        if (malformedRate + nonReconcilingRate > 1) {
            throw new IllegalArgumentException("malformedRate + nonReconcilingRate must not exceed 1");
        }
        shopifySecret = shopifySecret == null || shopifySecret.isBlank() ? null : shopifySecret;
    }

    /**
     * 50 orders, seed 42, 10 % duplicated deliveries, 20 % of Shopify orders updated (half of those out of order),
     * 4 % malformed, 4 % not reconciling, unsigned.
     */
    public static DemoOptions defaults() {
        return new DemoOptions(50, 42L, 0.10, 0.20, 0.04, 0.04, null);
    }

    public DemoOptions withOrders(int count) {
        return new DemoOptions(count, seed, duplicateRate, outOfOrderRate, malformedRate, nonReconcilingRate,
                shopifySecret);
    }

    public DemoOptions withSeed(long newSeed) {
        return new DemoOptions(orders, newSeed, duplicateRate, outOfOrderRate, malformedRate, nonReconcilingRate,
                shopifySecret);
    }

    public DemoOptions withShopifySecret(String secret) {
        return new DemoOptions(orders, seed, duplicateRate, outOfOrderRate, malformedRate, nonReconcilingRate, secret);
    }

    private static void requireShare(double share, String name) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + share);
        }
    }
}
