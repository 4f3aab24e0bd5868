package dev.commercesync.model.inventory;

import dev.commercesync.model.order.SalesChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one channel account lists a SKU, under the ids that channel's inventory API needs, and the rule for how much
 * of the stock it may offer.
 *
 * <ul>
 *   <li>Shopify: {@code account} = shop domain ({@code acme.myshopify.com}), {@code inventoryItemId} and
 *       {@code locationId} as GraphQL global ids ({@code gid://shopify/InventoryItem/…}, {@code gid://shopify/Location/…}).</li>
 *   <li>Amazon: {@code account} = selling partner (seller) id, {@code sellerSku} = the listing's SKU (ours unless
 *       set), {@code marketplaceIds} = the marketplaces it is listed on.</li>
 *   <li>eBay: {@code account} = the seller's eBay account, {@code sellerSku} = the inventory item's SKU (ours unless
 *       set), {@code offerIds} = the published offers whose available quantity follows it.</li>
 * </ul>
 */
public record ChannelListing(SalesChannel channel, String account, String sellerSku, String inventoryItemId,
                             String locationId, List<String> marketplaceIds, List<String> offerIds, ListingRule rule) {

    public ChannelListing {
        marketplaceIds = marketplaceIds == null ? List.of() : List.copyOf(marketplaceIds);
        offerIds = offerIds == null ? List.of() : List.copyOf(offerIds);
        rule = rule == null ? ListingRule.ALL : rule;
    }

    /** The SKU the channel knows the listing by. */
    public String channelSku(String ourSku) {
        return sellerSku == null || sellerSku.isBlank() ? ourSku : sellerSku;
    }

    /**
     * Identifies this listing among the SKU's listings: one per channel account and channel-side item, so two
     * Shopify shops, or one shop's two locations, are two listings.
     */
    public String listingKey(String ourSku) {
        String item = channel == SalesChannel.SHOPIFY ? inventoryItemId + "@" + locationId : channelSku(ourSku);
        return channel.id() + "#" + account + "#" + item;
    }

    /** The rate-limited party: limits are per channel account (Amazon: per selling partner). */
    public String rateLimitKey() {
        return channel.id() + "#" + account;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (channel == null) {
            problems.add("channel is required (shopify, amazon or ebay)");
            return problems;
        }
        String where = channel.id() + " listing: ";
        if (account == null || account.isBlank()) {
            problems.add(where + "account is required");
        }
        switch (channel) {
            case SHOPIFY -> {
                if (!isGid(inventoryItemId, "InventoryItem")) {
                    problems.add(where + "inventoryItemId must be a gid://shopify/InventoryItem/<id>");
                }
                if (!isGid(locationId, "Location")) {
                    problems.add(where + "locationId must be a gid://shopify/Location/<id>");
                }
            }
            case AMAZON -> {
                if (marketplaceIds.isEmpty() || marketplaceIds.stream().anyMatch(m -> m == null || m.isBlank())) {
                    problems.add(where + "marketplaceIds must name at least one marketplace");
                }
            }
            case EBAY -> {
                if (offerIds.stream().anyMatch(o -> o == null || o.isBlank())) {
                    problems.add(where + "offerIds must not contain blanks");
                }
            }
        }
        rule.problems().forEach(p -> problems.add(where + p));
        return problems;
    }

    private static boolean isGid(String value, String type) {
        return value != null && value.matches("gid://shopify/" + type + "/[0-9]+");
    }
}
